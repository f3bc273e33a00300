package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// testNow is the fixed clock of command tests: 2026-03-10 12:00 UTC.
var testNow = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

// result is what one run of the program printed and returned.
type result struct {
	stdout, stderr string
	code           int
}

// spaced runs the program with args (the program name is added), no
// standard input, an environment holding only env, and the fixed clock.
func spaced(t testing.TB, env map[string]string, args ...string) result {
	t.Helper()
	return spacedIn(t, strings.NewReader(""), env, args...)
}

// spacedIn is spaced with standard input read from stdin.
func spacedIn(t testing.TB, stdin io.Reader, env map[string]string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string { return env[k] }
	code := run(append([]string{"spaced"}, args...), stdin, &out, &errb, getenv, func() time.Time { return testNow })
	return result{stdout: out.String(), stderr: errb.String(), code: code}
}

// want fails the test unless r ended with code and its stderr contains
// every one of parts.
func (r result) want(t testing.TB, code int, parts ...string) {
	t.Helper()
	if r.code != code {
		t.Errorf("exit status %d, want %d\nstdout: %s\nstderr: %s", r.code, code, r.stdout, r.stderr)
	}
	for _, p := range parts {
		if !strings.Contains(r.stderr, p) {
			t.Errorf("stderr %q does not contain %q", r.stderr, p)
		}
	}
}

func TestMisuse(t *testing.T) {
	for _, args := range [][]string{
		{"nosuchcommand"},
		{"--nosuchflag"},
		{},
	} {
		r := spaced(t, nil, args...)
		r.want(t, 2, "spaced: ")
	}
}

func TestVersion(t *testing.T) {
	r := spaced(t, nil, "--version")
	if r.code != 0 || !strings.Contains(r.stdout, version) {
		t.Errorf("--version: %d %q, want 0 and the version", r.code, r.stdout)
	}
}

func TestUsageMessages(t *testing.T) {
	tests := []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"due", "--bogus"}, nil, "spaced: unknown flag --bogus\nspaced: hint: see 'spaced due --help'\n"},
		{[]string{"review", "--new", "x"}, nil, "spaced: --new: \"x\" is not a whole number\n"},
		{[]string{"due"}, map[string]string{"SPACED_ROLLOVER": "abc"}, "spaced: SPACED_ROLLOVER: \"abc\" is not a whole number\n"},
		{[]string{"export"}, nil, "spaced: export: which format?"},
		{[]string{"export", "csv"}, nil, "spaced: export: unknown format \"csv\" (want apkg, anki or pdf)\n"},
		{[]string{"--db", "", "due"}, nil, "--db: empty path"},
		{[]string{"--db", "", "due"}, map[string]string{"SPACED_DB": "/nonexistent/c.db"}, "--db: empty path"},
		{[]string{"--today", "9999-12-31", "due"}, nil, "--today: 9999-12-31 is out of range"},
		{[]string{"due"}, map[string]string{"SPACED_TODAY": "soon"}, "--today: \"soon\" is not a date (want YYYY-MM-DD) (from SPACED_TODAY)"},
	}
	for _, tt := range tests {
		r := spaced(t, tt.env, tt.args...)
		if r.code != 2 || !strings.HasPrefix(r.stderr, tt.want) && !strings.Contains(r.stderr, tt.want) {
			t.Errorf("spaced %q: exit %d, stderr %q; want exit 2 and %q", tt.args, r.code, r.stderr, tt.want)
		}
	}
}

// Every command refuses a malformed study day the same way, as misuse,
// before it reads or writes anything.
func TestStudyDayRefusedByEveryCommand(t *testing.T) {
	t.Parallel()
	commands := [][]string{
		{"compile", "deck/builtin/serverless-ch20.txt"}, {"add", "deck/builtin/serverless-ch20.txt"}, {"review"}, {"due"},
		{"grade", "zf0vze6xil", "4"}, {"undo"}, {"info", "zf0vze6xil"}, {"cards"}, {"stats"}, {"decks"},
		{"export", "anki"}, {"export", "pdf", "-o", "-"},
	}
	for _, bad := range []struct {
		flags []string
		want  string
	}{
		{[]string{"--rollover", "99"}, "spaced: --rollover: 99 is not an hour (want 0 to 23)\n"},
		{[]string{"--today", "1900-01-01"}, "spaced: --today: 1900-01-01 is out of range (1970-01-01 to 2899-12-31)\n"},
	} {
		for _, args := range commands {
			db := filepath.Join(t.TempDir(), "c.db")
			r := spaced(t, map[string]string{"SPACED_DB": db}, append(args, bad.flags...)...)
			if r.code != 2 || !strings.HasPrefix(r.stderr, bad.want) || r.stdout != "" {
				t.Errorf("spaced %q: exit %d, stdout %q, stderr %q; want exit 2, nothing printed, %q", append(args, bad.flags...), r.code, r.stdout, r.stderr, bad.want)
			}
			if _, err := os.Stat(db); err == nil {
				t.Errorf("spaced %q created the collection", args)
			}
		}
	}
}

func TestHelpOfSubcommand(t *testing.T) {
	r := spaced(t, nil, "help", "export", "apkg")
	r.want(t, 0)
	if !strings.Contains(r.stdout, "spaced export apkg") || !strings.Contains(r.stdout, "--with-scheduling") {
		t.Errorf("help export apkg printed:\n%s", r.stdout)
	}
}
