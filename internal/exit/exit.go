// Package exit holds the exit statuses of spaced and the errors that carry
// them: misuse (2), a signal (128 + its number), any other failure (1), each
// with an optional hint line for the user. Only package main exits.
package exit

import (
	"errors"
	"fmt"
	"regexp"
	"sync"
	"syscall"

	"github.com/urfave/cli/v3"
)

// InternalError is the exit status of a run ended by a bug (a panic),
// EX_SOFTWARE of sysexits.h.
const InternalError = 70

// Error is an error with the exit status it ends the program with and an
// optional hint line for the user.
type Error struct {
	Code int
	Err  error
	Hint string
}

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Misusef returns a misuse error (exit status 2).
func Misusef(format string, args ...any) error {
	return &Error{Code: 2, Err: fmt.Errorf(format, args...)}
}

// WithHint returns err with a hint line, keeping its exit status (1 when
// it has none).
func WithHint(err error, hint string) error {
	var ee *Error
	if errors.As(err, &ee) {
		return &Error{Code: ee.Code, Err: ee.Err, Hint: hint}
	}
	return &Error{Code: 1, Err: err, Hint: hint}
}

// Signal is the cause of a run ended by a signal: its exit status is 128 +
// the signal's number.
type Signal struct{ Sig syscall.Signal }

func (e Signal) Error() string {
	if e.Sig == syscall.SIGINT {
		return "interrupted"
	}
	return "ended by " + sigName(e.Sig)
}

func sigName(s syscall.Signal) string {
	switch s {
	case syscall.SIGTERM:
		return "SIGTERM"
	case syscall.SIGHUP:
		return "SIGHUP"
	case syscall.SIGQUIT:
		return "SIGQUIT"
	}
	return s.String()
}

// The command-line library's messages, compiled when a command fails, not
// at every start.
var (
	undefinedFlag = lazy(`^flag provided but not defined: -+(.*)$`)
	badFlagValue  = lazy(`^invalid value "(.*)" for flag -+(\S+): .*strconv\.Parse`)
	noHelpTopic   = lazy(`^No help topic for '(.*)'(?:\. (\S+))?$`)
	badEnvValue   = lazy(`^could not parse "(.*)" as \w+ value from environment variable (\S+) for flag`)
)

func lazy(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// Usage rewords the command-line library's messages about flags for
// people: "unknown flag --bogus", "--columns: "x" is not a whole number".
func Usage(err error) error {
	msg := err.Error()
	if m := undefinedFlag().FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("unknown flag %s", FlagName(m[1]))
	}
	if m := badFlagValue().FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("%s: %q is not a whole number", FlagName(m[2]), m[1])
	}
	if m := badEnvValue().FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("%s: %q is not a whole number", m[2], m[1])
	}
	return err
}

// UndefinedFlag returns the flag the command-line library says is not
// defined, without its dashes.
func UndefinedFlag(err error) (string, bool) {
	if m := undefinedFlag().FindStringSubmatch(err.Error()); m != nil {
		return m[1], true
	}
	return "", false
}

// FlagName writes a flag's name as it is typed: -o, --format.
func FlagName(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// Status returns the exit status err stands for, the error to print (a
// message of the command-line library reworded) and its hint, if any. A
// misuse error without a hint gets the hint to see 'spaced --help'.
func Status(err error) (code int, msg error, hint string) {
	if err == nil {
		return 0, nil, ""
	}
	code, msg = 1, err
	var ee *Error
	var se Signal
	var ec cli.ExitCoder
	switch {
	case errors.As(err, &ee):
		code, hint = ee.Code, ee.Hint
	case errors.As(err, &se):
		code = 128 + int(se.Sig)
	case errors.As(err, &ec) && (ec.ExitCode() == 2 || ec.ExitCode() == 3):
		// A malformed command line the library found outside OnUsageError,
		// or a help topic it does not know (which it gives status 3).
		code = 2
		if m := noHelpTopic().FindStringSubmatch(err.Error()); m != nil {
			msg = fmt.Errorf("help: no command %q", m[1])
			if m[2] != "" {
				hint = "did you mean 'spaced help " + m[2] + "'?"
			}
		}
	case badEnvValue().MatchString(err.Error()):
		code, msg = 2, Usage(err)
	}
	if code == 2 && hint == "" {
		hint = "see 'spaced --help'"
	}
	return code, msg, hint
}

// Suggest returns the one of names closest to what the user typed, when it
// is close enough to be a typo (at most one edit in four characters, and
// at least one), else "".
func Suggest(typed string, names []string) string {
	best, bestD := "", 0
	for _, n := range names {
		d := editDistance(typed, n)
		if d <= max(1, len(n)/4) && (best == "" || d < bestD) {
			best, bestD = n, d
		}
	}
	return best
}

// editDistance is the optimal string alignment distance of a and b:
// insertions, deletions, substitutions and swaps of two neighbours.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 99
	}
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
