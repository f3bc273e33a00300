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
