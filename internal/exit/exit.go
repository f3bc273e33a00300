// Package exit holds the exit statuses of spaced and the errors that carry
// them: misuse (2), a signal (128 + its number), any other failure (1), each
// with an optional hint line for the user. Only package main exits.
package exit

import (
	"errors"
	"fmt"
	"regexp"
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

var (
	undefinedFlag = regexp.MustCompile(`^flag provided but not defined: -+(.*)$`)
	badFlagValue  = regexp.MustCompile(`^invalid value "(.*)" for flag -+(\S+): .*strconv\.Parse`)
	badEnvValue   = regexp.MustCompile(`^could not parse "(.*)" as \w+ value from environment variable (\S+) for flag`)
)

// Usage rewords the command-line library's messages about flags for
// people: "unknown flag --bogus", "--columns: "x" is not a whole number".
func Usage(err error) error {
	msg := err.Error()
	if m := undefinedFlag.FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("unknown flag %s", FlagName(m[1]))
	}
	if m := badFlagValue.FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("%s: %q is not a whole number", FlagName(m[2]), m[1])
	}
	if m := badEnvValue.FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("%s: %q is not a whole number", m[2], m[1])
	}
	return err
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
	case errors.As(err, &ec) && ec.ExitCode() == 2:
		code = 2 // a malformed command line the library found outside OnUsageError
	case badEnvValue.MatchString(err.Error()):
		code, msg = 2, Usage(err)
	}
	if code == 2 && hint == "" {
		hint = "see 'spaced --help'"
	}
	return code, msg, hint
}
