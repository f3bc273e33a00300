package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The benchmarks here measure a job of spaced beside its floor, the least
// the same work costs without spaced, and report the ratio in the same
// run (x-sqlite3, x-hello): the floor is a sub-benchmark of its own, and
// the ratio is the median of paired runs of the job and its floor. The
// sqlite3 floors need the sqlite3 program (Debian's sqlite3) and are left
// out without it.

// sqlite3 returns the path of the sqlite3 program, or skips b.
func sqlite3(b *testing.B) string {
	p, err := exec.LookPath("sqlite3")
	if err != nil {
		b.Skip("no sqlite3 program: the floor is not measured")
	}
	return p
}

// copyFile copies the file at from to to.
func copyFile(b *testing.B, from, to string) {
	src, err := os.ReadFile(from)
	if err != nil {
		b.Fatal(err)
	}
	os.Remove(to + "-wal")
	os.Remove(to + "-shm")
	if err := os.WriteFile(to, src, 0o600); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkStartup starts the program for its version beside a Go program
// that prints a line, built the same way (static, without cgo).
func BenchmarkStartup(b *testing.B) {
	bin := spacedBinary(b)
	dir := b.TempDir()
	hello := filepath.Join(dir, "hello")
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module hello\n\ngo 1.26\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	build := exec.Command("go", "build", "-o", hello, ".")
	build.Dir = dir
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	floor := execCmd(hello, nil, func(int) []string { return nil })
	b.Run("hello", func(b *testing.B) { benchCmd(b, floor) })
	b.Run("version", func(b *testing.B) {
		version := execCmd(bin, nil, func(int) []string { return []string{"--version"} })
		benchPaired(b, version, floor, "x-hello") // goal: at most 2
	})
}

// BenchmarkAdd100k adds a deck file of 100,000 cards to a new collection,
// beside sqlite3 loading the same rows into the same schema from a dump of
// the collection that add made.
func BenchmarkAdd100k(b *testing.B) {
	bin := spacedBinary(b)
	sq := sqlite3(b)
	dir := b.TempDir()
	file := collDeckFile(b, dir, "add", 100_000)
	made := filepath.Join(dir, "made.db")
	spaced(b, nil, "--db", made, "add", file).want(b, 0)
	dump, err := exec.Command(sq, made, ".dump").Output()
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	fresh := func() string { // a new collection's path, the last one removed
		for _, x := range []string{"", "-wal", "-shm"} {
			os.Remove(filepath.Join(dir, fmt.Sprintf("c%d.db%s", n, x)))
		}
		n++
		return filepath.Join(dir, fmt.Sprintf("c%d.db", n))
	}
	floor := func(int) *exec.Cmd {
		cmd := exec.Command(sq, fresh())
		cmd.Stdin = strings.NewReader(string(dump))
		return cmd
	}
	b.Run("sqlite3", func(b *testing.B) { benchCmd(b, floor) })
	b.Run("add", func(b *testing.B) {
		add := execCmd(bin, nil, func(int) []string { return []string{"--db", fresh(), "add", file} })
		benchPaired(b, add, floor, "x-sqlite3") // goal: at most 1
	})
}

// floorSizes are the collections' sizes of the benchmarks of the queue.
var floorSizes = []int{10_000, 100_000, 1_000_000}

// reviewIDs returns the IDs of the first n cards of the queue on
// 2026-01-05 of bigCollection(cards): reviewed cards (even positions) due
// 60 days before it (positions ≡ 0 mod 120), then 58 days (≡ 2) and so
// on, each in deck order.
func reviewIDs(n, cards int) []string {
	var ids []string
	for r := 0; r <= 60 && len(ids) < n; r += 2 {
		for p := r; p < cards && len(ids) < n; p += 120 {
			ids = append(ids, fmt.Sprintf("b%09d", p))
		}
	}
	return ids
}

// BenchmarkReview grades 200 due cards in a piped review of collections of
// 10,000, 100,000 and 1,000,000 cards, beside sqlite3 reading the same
// queue and writing the same 200 grades, each a transaction that updates
// the card and appends its review log row.
func BenchmarkReview(b *testing.B) {
	bin := spacedBinary(b)
	sq := sqlite3(b)
	for _, n := range floorSizes {
		base := bigCollection(b, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) { benchReview(b, bin, sq, base, n) })
	}
}

func benchReview(b *testing.B, bin, sq, base string, cards int) {
	work := filepath.Join(b.TempDir(), "work.db")
	var script strings.Builder
	script.WriteString("PRAGMA synchronous = FULL;\nPRAGMA foreign_keys = ON;\n")
	fmt.Fprintf(&script, "SELECT c.id, c.front, c.back, c.due FROM cards c WHERE c.retired = 0 AND c.due <= '2026-01-05' "+
		"AND c.suspended = 0 ORDER BY c.due, c.deck_id, c.line, c.position LIMIT 200;\n")
	for _, id := range reviewIDs(200, cards) {
		fmt.Fprintf(&script, "BEGIN IMMEDIATE;\nUPDATE cards SET repetitions = 3, interval = 15, due = '2026-01-20', last_day = '2026-01-05' WHERE id = '%s';\n", id)
		fmt.Fprintf(&script, "INSERT INTO log (card_id, at, day, kind, quality, b_repetitions, b_ef, b_interval, b_lapses, b_leech, "+
			"a_repetitions, a_ef, a_interval, a_lapses, a_due, a_last_day, a_leech) VALUES ('%s', 1767614400, '2026-01-05', 'review', 4, "+
			"2, 250, 6, 0, 0, 3, 250, 15, 0, '2026-01-20', '2026-01-05', 0);\nCOMMIT;\n", id)
	}
	grades := strings.Repeat("4\n", 200)
	floor := func(int) *exec.Cmd {
		copyFile(b, base, work)
		cmd := exec.Command(sq, work)
		cmd.Stdin = strings.NewReader(script.String())
		cmd.Stdout = io.Discard
		return cmd
	}
	b.Run("sqlite3", func(b *testing.B) { benchCmd(b, floor) })
	b.Run("review", func(b *testing.B) {
		review := func(int) *exec.Cmd {
			copyFile(b, base, work)
			cmd := exec.Command(bin, "--db", work, "review", "--today", "2026-01-05")
			cmd.Stdin = strings.NewReader(grades)
			cmd.Stdout = io.Discard
			return cmd
		}
		benchPaired(b, review, floor, "x-sqlite3") // goal: at most 2.5
	})
}

// BenchmarkDueJSON lists the queue of collections of 10,000, 100,000 and
// 1,000,000 cards as JSON, beside sqlite3 running the queries of a queue
// on the same file: the day's review log, the notes reviewed, the due
// cards and the new cards, in the program's order and limits.
func BenchmarkDueJSON(b *testing.B) {
	bin := spacedBinary(b)
	sq := sqlite3(b)
	for _, n := range floorSizes {
		db := bigCollection(b, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) { benchDueJSON(b, bin, sq, db) })
	}
}

func benchDueJSON(b *testing.B, bin, sq, db string) {
	const cols = `c.id, d.name, c.kind, c.front, c.back, c.section, c.tags, c.line, c.retired, c.repetitions, c.ef,
		c.interval, c.lapses, c.due, c.last_day, c.leech, c.suspended, c.buried_until, c.note, c.cloze, c.text, c.reverse, d.source, c.guid`
	queries := `.mode json
SELECT * FROM log WHERE day = '2026-01-05' AND imported = 0;
SELECT DISTINCT c.note FROM log l JOIN cards c ON c.id = l.card_id WHERE l.day = '2026-01-05' AND l.kind = 'review'
	AND l.imported = 0 AND c.note IS NOT NULL AND NOT EXISTS (SELECT 1 FROM log u WHERE u.undoes = l.id);
SELECT ` + cols + ` FROM cards c JOIN decks d ON d.id = c.deck_id WHERE c.retired = 0 AND c.due <= '2026-01-05'
	AND c.suspended = 0 AND (c.buried_until IS NULL OR c.buried_until <= '2026-01-05') ORDER BY c.due, c.deck_id, c.line, c.position LIMIT 200;
SELECT ` + cols + ` FROM cards c JOIN decks d ON d.id = c.deck_id WHERE c.retired = 0 AND c.due IS NULL
	AND c.suspended = 0 AND (c.buried_until IS NULL OR c.buried_until <= '2026-01-05') ORDER BY c.deck_id, c.line, c.position LIMIT 20;
`
	floor := func(int) *exec.Cmd {
		cmd := exec.Command(sq, "-readonly", db)
		cmd.Stdin = strings.NewReader(queries)
		cmd.Stdout = io.Discard
		return cmd
	}
	b.Run("sqlite3", func(b *testing.B) { benchCmd(b, floor) })
	b.Run("due-json", func(b *testing.B) {
		due := func(int) *exec.Cmd {
			cmd := exec.Command(bin, "--db", db, "due", "--json", "--today", "2026-01-05")
			cmd.Stdout = io.Discard
			return cmd
		}
		benchPaired(b, due, floor, "x-sqlite3") // goal: at most 2
	})
}

// BenchmarkPDF writes the cheat sheet and the cut-out cards of collections
// of 10,000 and 100,000 cards and reports their peak memory (goal for the
// sheet: under 150 MB at 100,000).
func BenchmarkPDF(b *testing.B) {
	bin := spacedBinary(b)
	for _, n := range []int{10_000, 100_000} {
		db := bigCollection(b, n)
		out := filepath.Join(b.TempDir(), "out.pdf")
		for _, layout := range []string{"sheet", "cards"} {
			args := []string{"--db", db, "export", "pdf", "--layout", layout, "-o", out, "--today", "2026-01-05"}
			b.Run(fmt.Sprintf("%s/%d", layout, n), func(b *testing.B) {
				benchExec(b, bin, nil, func(int) []string { os.Remove(out); return args })
				os.Remove(out)
				benchPeak(b, bin, nil, args...)
			})
		}
	}
}
