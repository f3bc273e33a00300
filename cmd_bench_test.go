package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	"spaced/deck"
	"spaced/srs"
)

// The benchmarks run the built program as a user would, one process per
// operation, and report the median time of one run (ms-median) and its
// median CPU time (cpu-ms-median, user and system, steadier on a busy
// machine) beside the mean; where /usr/bin/time is available, the peak memory of one run
// (MB-peak). Their fixtures are built here, only when benchmarks run.

// benchExec runs bin with args and env b.N times, reports the median and
// returns it.
func benchExec(b *testing.B, bin string, env []string, args func(i int) []string) time.Duration {
	b.Helper()
	return benchCmd(b, execCmd(bin, env, args))
}

// benchCmd runs the command mk makes b.N times (mk runs before the clock
// starts), reports the median and returns it.
func benchCmd(b *testing.B, mk func(i int) *exec.Cmd) time.Duration {
	b.Helper()
	var ts, cpu []time.Duration
	for i := 0; i < b.N; i++ {
		wall, used := runTimed(b, mk(i))
		ts = append(ts, wall)
		cpu = append(cpu, used)
	}
	reportMedian(b, ts, "ms-median")
	reportMedian(b, cpu, "cpu-ms-median")
	return median(ts)
}

// benchPaired runs the command mk makes b.N times, each time beside a run
// of its floor (the floor first in even runs, last in odd ones, off the
// benchmark's clock), and reports the median of the runs' own ratios to
// their floor's as the metric name ("x-sqlite3"). Pairs taken a moment
// apart share the machine's load, which on a busy machine moves the
// medians of two separate sub-benchmarks by more than the ratios measured.
func benchPaired(b *testing.B, mk, floor func(i int) *exec.Cmd, name string) {
	b.Helper()
	var ts, cpu, fs []time.Duration
	var ratios []float64
	for i := 0; i < b.N; i++ {
		var f time.Duration
		runFloor := func() {
			b.StopTimer()
			f, _ = runTimed(b, floor(i))
			b.StartTimer()
		}
		if i%2 == 0 {
			runFloor()
		}
		wall, used := runTimed(b, mk(i))
		if i%2 == 1 {
			runFloor()
		}
		ts, cpu, fs = append(ts, wall), append(cpu, used), append(fs, f)
		ratios = append(ratios, float64(wall)/float64(f))
	}
	reportMedian(b, ts, "ms-median")
	reportMedian(b, cpu, "cpu-ms-median")
	reportMedian(b, fs, "floor-ms-median")
	slices.Sort(ratios)
	b.ReportMetric(ratios[len(ratios)/2], name)
}

// runTimed runs cmd, failing b if it fails, and returns its wall-clock
// and CPU (user and system) times. The disk is settled first.
func runTimed(b *testing.B, cmd *exec.Cmd) (wall, used time.Duration) {
	b.Helper()
	var errb bytes.Buffer
	cmd.Stderr = &errb
	settle()
	start := time.Now()
	err := cmd.Run()
	wall = time.Since(start)
	if err != nil {
		b.Fatalf("%v: %v: %s", cmd.Args, err, errb.String())
	}
	return wall, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}

// median returns the median of ts, which it sorts.
func median(ts []time.Duration) time.Duration {
	slices.Sort(ts)
	return ts[len(ts)/2]
}

// reportMedian reports the median of ts in milliseconds as the metric name.
func reportMedian(b *testing.B, ts []time.Duration, name string) {
	b.ReportMetric(float64(median(ts).Microseconds())/1000, name)
}

// execCmd returns a func making the command that runs bin with the
// arguments args(i) and the environment env.
func execCmd(bin string, env []string, args func(i int) []string) func(int) *exec.Cmd {
	return func(i int) *exec.Cmd {
		cmd := exec.Command(bin, args(i)...)
		cmd.Env = env
		return cmd
	}
}

var maxRSS = regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`)

// benchPeak runs bin once under /usr/bin/time -v and reports its peak
// resident memory.
func benchPeak(b *testing.B, bin string, env []string, args ...string) {
	b.Helper()
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		b.Log("no /usr/bin/time: peak memory not measured")
		return
	}
	cmd := exec.Command("/usr/bin/time", append([]string{"-v", bin}, args...)...)
	cmd.Env = env
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Run(); err != nil {
		b.Fatalf("%v: %s", err, errb.String())
	}
	m := maxRSS.FindStringSubmatch(errb.String())
	if m == nil {
		b.Fatalf("no peak memory in /usr/bin/time -v output: %s", errb.String())
	}
	kb, _ := strconv.Atoi(m[1])
	b.ReportMetric(float64(kb)/1024, "MB-peak")
}

// BenchmarkGrade grades one card per process in a collection of 2,000 cards.
func BenchmarkGrade(b *testing.B) {
	bin := spacedBinary(b)
	dir := b.TempDir()
	db := filepath.Join(dir, "collection.db")
	spaced(b, map[string]string{"SPACED_DB": db}, "add", collDeckFile(b, dir, "grade", 2000)).want(b, 0)
	env := []string{"SPACED_DB=" + db}
	day, _ := srs.ParseDay("2026-01-05")
	n := 0
	b.Run("process", func(b *testing.B) {
		benchExec(b, bin, env, func(int) []string {
			i := n
			n++
			// Quality 2 keeps every card due the next day.
			return []string{"grade", fmt.Sprintf("g%09d", i%2000), "2", "--today", day.Add(i / 2000).String()}
		})
	})
}

// BenchmarkDue100k lists the queue of a collection of 100,000 cards, half of
// them reviewed with due days spread over four months around the study day.
func BenchmarkDue100k(b *testing.B) {
	bin := spacedBinary(b)
	db := bigCollection(b, 100_000)
	env := []string{"SPACED_DB=" + db}
	due := execCmd(bin, env, func(int) []string { return []string{"due", "--today", "2026-01-05"} }) // the floor of stats
	b.Run("due", func(b *testing.B) {
		benchCmd(b, due)
		benchPeak(b, bin, env, "due", "--today", "2026-01-05")
	})
	b.Run("in-process", func(b *testing.B) {
		var ts []time.Duration
		for i := 0; i < b.N; i++ {
			start := time.Now()
			r := spaced(b, map[string]string{"SPACED_DB": db}, "due", "--today", "2026-01-05")
			ts = append(ts, time.Since(start))
			if r.code != 0 {
				b.Fatal(r.stderr)
			}
		}
		reportMedian(b, ts, "ms-median")
	})
	b.Run("stats", func(b *testing.B) {
		stats := execCmd(bin, env, func(int) []string { return []string{"stats", "--today", "2026-01-05"} })
		benchPaired(b, stats, due, "x-due") // goal: at most 3
		benchPeak(b, bin, env, "stats", "--today", "2026-01-05")
	})
	b.Run("due-json-filter", func(b *testing.B) {
		benchExec(b, bin, env, func(int) []string {
			return []string{"due", "--json", "--section", "section 999", "--today", "2026-01-05"}
		})
	})
}

// bigCollection returns a collection of n generated cards in one deck,
// half of them reviewed once (a row of the review log each), due within
// 60 days either side of 2026-01-05.
func bigCollection(b *testing.B, n int) string {
	b.Helper()
	db := filepath.Join(b.TempDir(), "collection.db")
	if err := srs.Create(db, 0o600); err != nil {
		b.Fatal(err)
	}
	s, err := srs.Open(db, srs.Write)
	if err != nil {
		b.Fatal(err)
	}
	d := &deck.Deck{Name: "Big::Deck", Title: "A hundred thousand cards", Source: "generated"}
	for i := range n {
		d.Cards = append(d.Cards, deck.Card{ID: fmt.Sprintf("b%09d", i), Kind: deck.KindQA,
			Front: fmt.Sprintf("Generated question %d, long enough to be like a real front of a card?", i),
			Back:  fmt.Sprintf("Generated answer %d.", i), Section: fmt.Sprintf("Section %d", i/100),
			Tags: []string{"big"}, Line: i + 1})
	}
	if _, err := s.Sync(context.Background(), d, time.Now()); err != nil {
		b.Fatal(err)
	}
	s.Close()
	sdb, err := sql.Open("sqlite", srs.DSN(db, false))
	if err != nil {
		b.Fatal(err)
	}
	defer sdb.Close()
	for _, q := range []string{`UPDATE cards SET repetitions = 2, interval = 6, last_day = '2025-09-01',
		due = date('2026-01-05', ((position % 120) - 60) || ' days') WHERE position % 2 = 0`,
		`INSERT INTO log (card_id, at, day, kind, quality, b_repetitions, b_ef, b_interval, b_lapses, b_leech,
		a_repetitions, a_ef, a_interval, a_lapses, a_due, a_last_day, a_leech)
		SELECT id, 1756728000, '2025-09-01', 'review', 4, 1, 250, 1, 0, 0, 2, 250, 6, 0, due, '2025-09-01', 0
		FROM cards WHERE position % 2 = 0`} {
		if _, err := sdb.Exec(q); err != nil {
			b.Fatal(err)
		}
	}
	return db
}

// BenchmarkAdd10k adds a deck file of 10,000 cards to a new collection.
func BenchmarkAdd10k(b *testing.B) {
	bin := spacedBinary(b)
	dir := b.TempDir()
	file := collDeckFile(b, dir, "add", 10_000)
	b.Run("add", func(b *testing.B) {
		benchExec(b, bin, nil, func(i int) []string {
			return []string{"--db", filepath.Join(dir, fmt.Sprintf("c%d-%d.db", b.N, i)), "add", file}
		})
		benchPeak(b, bin, nil, "--db", filepath.Join(dir, fmt.Sprintf("peak%d.db", b.N)), "add", file)
	})
}

// BenchmarkGradeInProcess is BenchmarkGrade without the cost of starting a
// process: run opens the collection, grades one card and closes it.
func BenchmarkGradeInProcess(b *testing.B) {
	dir := b.TempDir()
	env := map[string]string{"SPACED_DB": filepath.Join(dir, "collection.db")}
	spaced(b, env, "add", collDeckFile(b, dir, "grade", 2000)).want(b, 0)
	day, _ := srs.ParseDay("2026-01-05")
	var ts []time.Duration
	for i := 0; i < b.N; i++ {
		start := time.Now()
		r := spaced(b, env, "grade", fmt.Sprintf("g%09d", i%2000), "2", "--today", day.Add(i/2000).String())
		ts = append(ts, time.Since(start))
		if r.code != 0 {
			b.Fatal(r.stderr)
		}
	}
	slices.Sort(ts)
	b.ReportMetric(float64(ts[len(ts)/2].Microseconds())/1000, "ms-median")
}
