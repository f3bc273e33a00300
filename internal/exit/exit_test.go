package exit

import (
	"errors"
	"fmt"
	"syscall"
	"testing"
)

func TestStatus(t *testing.T) {
	plain := errors.New("boom")
	for _, tc := range []struct {
		err       error
		code      int
		msg, hint string
	}{
		{nil, 0, "", ""},
		{plain, 1, "boom", ""},
		{WithHint(plain, "try again"), 1, "boom", "try again"},
		{Misusef("no %s", "CHAPTER"), 2, "no CHAPTER", "see 'spaced --help'"},
		{WithHint(Misusef("bad"), "give -o"), 2, "bad", "give -o"},
		{fmt.Errorf("review: %w", Signal{syscall.SIGINT}), 130, "review: interrupted", ""},
		{Signal{syscall.SIGTERM}, 143, "ended by SIGTERM", ""},
		{fmt.Errorf("add: %w", Misusef("x")), 2, "add: x", "see 'spaced --help'"},
	} {
		code, msg, hint := Status(tc.err)
		got := ""
		if msg != nil {
			got = msg.Error()
		}
		if code != tc.code || got != tc.msg || hint != tc.hint {
			t.Errorf("Status(%v) = %d, %q, %q; want %d, %q, %q", tc.err, code, got, hint, tc.code, tc.msg, tc.hint)
		}
	}
}

func TestUsage(t *testing.T) {
	for in, want := range map[string]string{
		"flag provided but not defined: -bogus":                              "unknown flag --bogus",
		"flag provided but not defined: -x":                                  "unknown flag -x",
		`invalid value "x" for flag -columns: parse error: strconv.ParseInt`: `--columns: "x" is not a whole number`,
		"something else": "something else",
	} {
		if got := Usage(errors.New(in)).Error(); got != want {
			t.Errorf("Usage(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSuggest(t *testing.T) {
	commands := []string{"compile", "add", "review", "due", "grade", "undo", "stats", "export"}
	for typed, want := range map[string]string{
		"reveiw": "review", "reviw": "review", "compiel": "compile", "ad": "add", "stat": "stats",
		"frobnicate": "", "x": "", "deu": "due",
	} {
		if got := Suggest(typed, commands); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", typed, got, want)
		}
	}
	if got := Suggest("nwe", []string{"new", "limit", "deck"}); got != "new" {
		t.Errorf("Suggest(nwe) = %q", got)
	}
}
