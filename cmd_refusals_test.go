package main

import (
	"bytes"
	"crypto/rand"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"spaced/srs"
)

// onlyRefusal fails the test unless r is exit status code with one error line
// on stderr (and at most one hint line), nothing on stdout, and the error
// line contains want.
func onlyRefusal(t testing.TB, r result, code int, want string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	if r.code != code || r.stdout != "" || len(lines) > 2 || !strings.HasPrefix(lines[0], "spaced: ") ||
		!strings.Contains(lines[0], want) || (len(lines) == 2 && !strings.HasPrefix(lines[1], "spaced: hint: ")) {
		t.Errorf("got exit %d, stdout %q, stderr %q; want exit %d and one line with %q", r.code, r.stdout, r.stderr, code, want)
	}
}

func TestGradeRefusals(t *testing.T) {
	env := collEnv(t)
	due := dueList(t, env, "--today", "2026-01-05")
	id := due[0].ID
	before, _ := os.ReadFile(env["SPACED_DB"])
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"grade", id, "7"}, 2, `quality must be 0 to 5, not "7"`},
		{[]string{"grade", id, "x"}, 2, `quality must be 0 to 5`},
		{[]string{"grade", id, "4.5"}, 2, `quality must be 0 to 5`},
		{[]string{"grade", id}, 2, `want CARD-ID QUALITY`},
		{[]string{"grade", id, "3", "4"}, 2, `too many arguments`},
		{[]string{"grade", "zzzzzz", "3"}, 1, `grade zzzzzz: no such card`},
		{[]string{"grade", "not-an-id", "3"}, 1, `no such card`},
		{[]string{"grade", "", "3"}, 1, `no such card`},
		{[]string{"info", "zzzzzz"}, 1, `info zzzzzz: no such card`},
		{[]string{"grade", id, "3", "--today", "2026-02-30"}, 2, `--today: "2026-02-30" is not a date`},
		{[]string{"due", "--today", "tomorrow"}, 2, `--today: "tomorrow" is not a date`},
		{[]string{"stats", "--rollover", "24"}, 2, `--rollover: 24 is not an hour`},
		{[]string{"due", "extra"}, 2, `too many arguments`},
		{[]string{"undo", "--today", "2026-01-05"}, 1, `nothing to undo today`},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			onlyRefusal(t, spaced(t, env, tc.args...), tc.code, tc.want)
		})
	}
	bad := map[string]string{"SPACED_DB": env["SPACED_DB"], "SPACED_TODAY": "05/01/2026"}
	onlyRefusal(t, spaced(t, bad, "grade", id, "3"), 2, `--today: "05/01/2026" is not a date`)

	// An ambiguous prefix: find two IDs sharing a first character.
	seen := map[byte]string{}
	prefix := ""
	for _, c := range due {
		if other, ok := seen[c.ID[0]]; ok {
			prefix = c.ID[:1]
			_ = other
			break
		}
		seen[c.ID[0]] = c.ID
	}
	if prefix != "" {
		onlyRefusal(t, spaced(t, env, "grade", prefix, "3", "--today", "2026-01-05"), 1, "ambiguous card ID")
	}
	after, _ := os.ReadFile(env["SPACED_DB"])
	if !bytes.Equal(before, after) {
		t.Errorf("a refused command changed the collection")
	}
}

// TestRefusedFiles puts files that are not this program's collection at --db
// and checks that every command refuses them in one line and leaves them
// byte for byte as they were, with no file created beside them.
func TestRefusedFiles(t *testing.T) {
	dir := t.TempDir()
	random := make([]byte, 8192)
	rand.Read(random)

	// A real collection with the seed deck, then altered copies of it.
	good := filepath.Join(dir, "good.db")
	spaced(t, map[string]string{"SPACED_DB": good}, "stats").want(t, 0)
	alter := func(name, query string) string {
		p := filepath.Join(dir, name)
		b, _ := os.ReadFile(good)
		os.WriteFile(p, b, 0o600)
		db, err := sql.Open("sqlite", srs.DSN(p, false))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(query); err != nil {
			t.Fatal(err)
		}
		db.Close()
		os.Remove(p + "-wal")
		os.Remove(p + "-shm")
		return p
	}
	newer := alter("newer.db", `PRAGMA user_version = 99`)
	otherID := alter("other-id.db", `PRAGMA application_id = 42`)
	minusOne := alter("minus-one.db", `PRAGMA user_version = -1`)
	zero := alter("zero.db", `PRAGMA user_version = 0`)

	foreign := filepath.Join(dir, "foreign.db")
	db, err := sql.Open("sqlite", "file:"+foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hello')`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	// Another program's database in WAL mode, with neither application_id
	// nor user_version: opened through SQLite, then refused for its tables.
	foreignWAL := filepath.Join(dir, "foreign-wal.db")
	db, err = sql.Open("sqlite", "file:"+foreignWAL+"?_pragma=journal_mode(WAL)")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hello')`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	corrupt := filepath.Join(dir, "corrupt.db")
	b, _ := os.ReadFile(good)
	if len(b) < 3*4096 {
		t.Fatalf("collection is only %d bytes", len(b))
	}
	copy(b[4096:8192], random)
	os.WriteFile(corrupt, b, 0o600)

	files := map[string]struct {
		path string
		want string
	}{
		"folder":     {t.TempDir(), "is a folder"},
		"text":       {filepath.Join(dir, "notes.txt"), "not an SQLite database"},
		"random":     {filepath.Join(dir, "random.bin"), "not an SQLite database"},
		"foreign":    {foreign, "an SQLite database of another program"},
		"foreignWAL": {foreignWAL, "an SQLite database of another program"},
		"other-id":   {otherID, "an SQLite database of another program"},
		"newer":      {newer, "schema version 99"},
		"version -1": {minusOne, "schema version -1: the collection is damaged"},
		"version 0":  {zero, "schema version 0: the collection is damaged"},
		"empty":      {filepath.Join(dir, "empty.db"), "an empty file, not a collection"},
		"/dev/null":  {os.DevNull, "not a regular file"},
		"corrupt":    {corrupt, ""},
		"truncated":  {filepath.Join(dir, "truncated.db"), "not an SQLite database"},
		"header-bad": {filepath.Join(dir, "header.db"), "not an SQLite database"},
	}
	os.WriteFile(files["empty"].path, nil, 0o600)
	os.WriteFile(files["text"].path, []byte("Q: is this a collection?\nA: no\n"), 0o600)
	os.WriteFile(files["random"].path, random, 0o600)
	os.WriteFile(files["truncated"].path, []byte("SQLite format 3\x00\x10\x00"), 0o600)
	os.WriteFile(files["header-bad"].path, append([]byte("SQLite format 2\x00"), random[:4000]...), 0o600)
	chapter := builtinFile(t, t.TempDir())

	for name, f := range files {
		t.Run(name, func(t *testing.T) {
			before, _ := os.ReadFile(f.path)
			listing := func() string {
				es, _ := os.ReadDir(filepath.Dir(f.path))
				var names []string
				for _, e := range es {
					names = append(names, e.Name())
				}
				return strings.Join(names, " ")
			}
			files := listing()
			env := map[string]string{"SPACED_DB": f.path}
			for _, args := range [][]string{
				{"due"}, {"grade", "abcdefghij", "3"}, {"add", chapter}, {"undo"}, {"info", "abc"},
				{"cards"}, {"stats"}, {"decks"},
			} {
				r := spaced(t, env, args...)
				want := f.want
				if name == "corrupt" {
					// Only the queries that read the damaged page fail.
					if args[0] != "due" && args[0] != "cards" && args[0] != "decks" && r.code == 0 {
						continue
					}
					want = "the collection is damaged"
					if args[0] == "grade" || args[0] == "info" || args[0] == "undo" {
						want = ""
					}
				}
				onlyRefusal(t, r, 1, want)
			}
			after, _ := os.ReadFile(f.path)
			if !bytes.Equal(before, after) {
				t.Errorf("%s changed", f.path)
			}
			if _, err := os.Stat(os.DevNull + "-journal"); err == nil {
				t.Errorf("%s-journal was created", os.DevNull)
			}
			if got := listing(); got != files && name != "corrupt" && name != "foreignWAL" && name != "/dev/null" {
				t.Errorf("files beside %s: %s, were %s", f.path, got, files)
			}
		})
	}
}

// spacedBinary returns the path of the program, built once for the test
// process into a folder others can read (removed by TestMain).
func spacedBinary(t testing.TB) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "spaced-bin")
		if err != nil {
			binErr = err
			return
		}
		binDir = dir
		os.Chmod(dir, 0o755)
		bin := filepath.Join(dir, "spaced")
		// Built as the README installs it: static, without cgo.
		build := exec.Command("go", "build", "-o", bin, ".")
		build.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := build.CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
			return
		}
		binPath = bin
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

var (
	binOnce         sync.Once
	binDir, binPath string
	binErr          error
)

// TestReadOnlyCollection checks that a collection the user cannot write is
// refused by the commands that write, in one line, unchanged, while due,
// info, cards and stats still work. As root, the program runs as the user
// nobody, since root can write any file.
func TestReadOnlyCollection(t *testing.T) {
	t.Parallel()
	bin := spacedBinary(t)
	dir, err := os.MkdirTemp("", "spaced-ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755); os.RemoveAll(dir) })
	os.Chmod(dir, 0o755)
	db := filepath.Join(dir, "collection.db")
	env := map[string]string{"SPACED_DB": db}
	due := dueList(t, env, "--today", "2026-01-05")
	spaced(t, env, "grade", due[0].ID, "2", "--today", "2026-01-05").want(t, 0)
	id := due[1].ID

	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		cred = &syscall.Credential{Uid: 65534, Gid: 65534}
		filepath.Walk(dir, func(p string, _ os.FileInfo, _ error) error { return os.Lchown(p, 65534, 65534) })
	}
	if err := os.Chmod(db, 0o444); err != nil {
		t.Fatal(err)
	}
	runAs := func(args ...string) result {
		cmd := exec.Command(bin, append([]string{"--today", "2026-01-05"}, args...)...)
		cmd.Env = []string{"SPACED_DB=" + db, "HOME=/nonexistent"}
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return result{out.String(), errb.String(), code}
	}
	before, _ := os.ReadFile(db)
	for _, args := range [][]string{{"grade", id, "4"}, {"undo"}, {"add", builtinFile(t, dir)}} {
		onlyRefusal(t, runAs(args...), 1, "collection is read-only")
	}
	for _, args := range [][]string{{"due"}, {"info", id}, {"cards"}, {"stats"}, {"decks"}, {"due", "--json"}} {
		if r := runAs(args...); r.code != 0 || r.stdout == "" {
			t.Errorf("%v on a read-only collection: exit %d, %q %q", args, r.code, r.stdout, r.stderr)
		}
	}
	if r := runAs("due", "--json"); !strings.Contains(r.stdout, `"state": "drill"`) {
		t.Errorf("due on a read-only collection lost the drill: %s", r.stdout)
	}

	// The folder read-only too, with no -wal or -shm file beside the
	// collection: reading still works.
	os.Remove(db + "-wal")
	os.Remove(db + "-shm")
	os.Chmod(dir, 0o555)
	for _, args := range [][]string{{"due"}, {"info", id}, {"cards"}, {"stats"}} {
		if r := runAs(args...); r.code != 0 || r.stdout == "" {
			t.Errorf("%v in a read-only folder: exit %d, %q %q", args, r.code, r.stdout, r.stderr)
		}
	}
	onlyRefusal(t, runAs("grade", id, "4"), 1, "collection is read-only")
	after, _ := os.ReadFile(db)
	if !bytes.Equal(before, after) {
		t.Errorf("the read-only collection changed")
	}
}

// A --db in a folder that does not exist is refused, and nothing is made:
// only the default collection gets its folder created.
func TestDBFolderMustExist(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "typo", "c.db")
	for _, args := range [][]string{{"due"}, {"add", builtinFile(t, dir)}, {"decks"}} {
		spaced(t, map[string]string{"SPACED_DB": db}, args...).want(t, 1, "no such folder "+filepath.Dir(db))
	}
	if _, err := os.Stat(filepath.Dir(db)); err == nil {
		t.Errorf("%s was made", filepath.Dir(db))
	}
	home := t.TempDir()
	spaced(t, map[string]string{"HOME": home}, "due").want(t, 0)
	if _, err := os.Stat(filepath.Join(home, ".local", "share", "spaced", "collection.db")); err != nil {
		t.Errorf("the default collection was not made with its folders: %v", err)
	}
}
