// Spaced is a command-line spaced-repetition tool: it compiles a course chapter
// into a flashcard deck, schedules a short daily review with the SM-2 algorithm
// in an SQLite collection, and exports decks for Anki and for print.
//
// Usage:
//
//	spaced [--db PATH] [--today YYYY-MM-DD] [--rollover HOUR] COMMAND [ARGS]
//
//	compile CHAPTER [-o DECK] [--format deck|json] [--name NAME] [--report]
//	add SOURCE...
//	review [--new N] [--limit N] [filters]
//	due [--json] [filters]
//	grade CARD-ID QUALITY
//	undo
//	info CARD-ID [--json]
//	cards [--json] [filters]
//	stats [--json] [filters]
//	decks
//	export anki [-o FILE.csv] [--anki-deck NAME] [--notetype NAME] [--reverse] [filters] [SOURCE...]
//	export pdf -o FILE.pdf [--layout sheet|cards] [--paper a4|letter] [--columns 1..3]
//	           [--font FILE.ttf] [--weak] [filters] [SOURCE...]
//
// A CHAPTER is a scraped page saved as text (.txt), Markdown notes (.md) or an
// HTML page (.html, .htm); a SOURCE is a chapter or a deck file written by
// compile. Filters are --deck NAME, --tag TAG and --section TEXT. Flags may come
// before or after arguments.
//
// Environment: SPACED_DB, SPACED_TODAY, SPACED_ROLLOVER, XDG_DATA_HOME,
// SOURCE_DATE_EPOCH, NO_COLOR. Exit status: 0 success, 1 failure, 2 misuse,
// 130 and 143 when ended by SIGINT and SIGTERM.
//
// Example:
//
//	spaced compile chapter20.txt -o serverless.deck.md
//	spaced add serverless.deck.md
//	spaced review
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"syscall"
	"time"

	"github.com/urfave/cli/v3"

	"spaced/srs"
)

// version is the program's version, set at build time with
// -ldflags "-X main.version=…".
var version = "0.1.0-dev"

func main() {
	os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr, os.Getenv, time.Now))
}

// app holds what one run of the program reads from the outside world.
type app struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	now    func() time.Time

	day    srs.Day // the study day of the run, once computed
	dayErr error   // why it could not be
}

// run runs the program with its arguments, standard streams, environment and
// clock, and returns the exit status.
//
// It is the one place that hears signals: SIGINT, SIGTERM and SIGHUP
// cancel the context every command runs in, with the signal as the cause;
// the command stops, removes what it was writing and returns, and the exit
// status is 128 + the signal's number (130, 143).
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string, now func() time.Time) int {
	ctx, stop := signalContext()
	defer stop()
	out := &errWriter{w: stdout}
	a := &app{stdin: stdin, stdout: out, stderr: stderr, getenv: getenv, now: now}
	root := a.command()
	a.setUsageErrors(root)
	err := root.Run(ctx, args)
	if err == nil && out.err != nil {
		err = fmt.Errorf("writing the output: %w", out.err)
	}
	return a.exitStatus(err)
}

// signalContext returns a context that a SIGINT, SIGTERM or SIGHUP
// cancels, its cause a signalError.
func signalContext() (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			cancel(signalError{sig.(syscall.Signal)})
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		close(done)
		cancel(nil)
	}
}

// signalError is the cause of a run ended by a signal: its exit status is
// 128 + the signal's number.
type signalError struct{ sig syscall.Signal }

func (e signalError) Error() string {
	switch e.sig {
	case syscall.SIGINT:
		return "interrupted"
	case syscall.SIGTERM:
		return "ended by SIGTERM"
	case syscall.SIGHUP:
		return "ended by SIGHUP"
	}
	return "ended by " + e.sig.String()
}

func (e signalError) code() int { return 128 + int(e.sig) }

// errWriter remembers the first error of the writes to w, so that output
// lost to a closed or full stdout fails the command.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	n, err := e.w.Write(p)
	if err != nil && e.err == nil {
		e.err = err
	}
	return n, err
}

// command builds the command tree.
func (a *app) command() *cli.Command {
	return &cli.Command{
		Name:                  "spaced",
		Usage:                 "compile chapters into flashcards, review them daily with SM-2, export to Anki and PDF",
		Version:               version,
		Writer:                a.stdout,
		ErrWriter:             a.stderr,
		Reader:                a.stdin,
		EnableShellCompletion: true,
		HideHelpCommand:       true,
		ExitErrHandler:        func(context.Context, *cli.Command, error) {},
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "db", Usage: "the collection, `PATH` (or $SPACED_DB; default $XDG_DATA_HOME/spaced/collection.db, else ~/.local/share/spaced/collection.db)", Sources: a.env("SPACED_DB")},
			&cli.StringFlag{Name: "today", Usage: "the study day, `YYYY-MM-DD` (or $SPACED_TODAY; default: today, with the rollover)", Sources: a.env("SPACED_TODAY")},
			&cli.IntFlag{Name: "rollover", Usage: "local `HOUR` (0-23) at which a new study day begins (or $SPACED_ROLLOVER)", Value: 4, Sources: a.env("SPACED_ROLLOVER")},
		},
		Commands: a.commands(),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.NArg() > 0 {
				return misusef("unknown command %q", cmd.Args().First())
			}
			if err := cli.ShowRootCommandHelp(cmd); err != nil {
				return err
			}
			return misusef("no command given")
		},
	}
}

// env returns a flag's value source that reads the environment variable name
// through the app's getenv, never the process environment directly.
func (a *app) env(name string) cli.ValueSourceChain {
	return cli.NewValueSourceChain(envSource{name: name, getenv: a.getenv})
}

// envSource is a cli.ValueSource backed by a getenv function.
type envSource struct {
	name   string
	getenv func(string) string
}

func (e envSource) Lookup() (string, bool) {
	v := e.getenv(e.name)
	return v, v != ""
}
func (e envSource) String() string   { return "environment variable " + e.name }
func (e envSource) GoString() string { return fmt.Sprintf("envSource{%q}", e.name) }

// setUsageErrors makes every command in the tree report a malformed command
// line as misuse (exit status 2) instead of printing its help, and check
// the study day before it runs.
func (a *app) setUsageErrors(cmd *cli.Command) {
	cmd.OnUsageError = onUsageError
	if len(cmd.Commands) == 0 {
		cmd.Before = a.checkStudyDay
	}
	for _, sub := range cmd.Commands {
		a.setUsageErrors(sub)
	}
}

func onUsageError(_ context.Context, cmd *cli.Command, err error, _ bool) error {
	return &exitError{code: 2, err: usageError(err), hint: "see '" + cmd.FullName() + " --help'"}
}

var (
	undefinedFlag = regexp.MustCompile(`^flag provided but not defined: -+(.*)$`)
	badFlagValue  = regexp.MustCompile(`^invalid value "(.*)" for flag -+(\S+): .*strconv\.Parse`)
	badEnvValue   = regexp.MustCompile(`^could not parse "(.*)" as \w+ value from environment variable (\S+) for flag`)
)

// usageError rewords the command-line library's messages about flags for
// people: "unknown flag --bogus", "--columns: "x" is not a whole number".
func usageError(err error) error {
	msg := err.Error()
	if m := undefinedFlag.FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("unknown flag %s", flagName(m[1]))
	}
	if m := badFlagValue.FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("%s: %q is not a whole number", flagName(m[2]), m[1])
	}
	if m := badEnvValue.FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("%s: %q is not a whole number", m[2], m[1])
	}
	return err
}

// flagName writes a flag's name as it is typed: -o, --format.
func flagName(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// exitError is an error with the exit status it ends the program with and an
// optional hint line for the user.
type exitError struct {
	code int
	err  error
	hint string
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// misusef returns a misuse error (exit status 2).
func misusef(format string, args ...any) error {
	return &exitError{code: 2, err: fmt.Errorf(format, args...)}
}

// withHint wraps err (exit status 1) with a hint line.
func withHint(err error, hint string) error {
	var ee *exitError
	if errors.As(err, &ee) {
		return &exitError{code: ee.code, err: ee.err, hint: hint}
	}
	return &exitError{code: 1, err: err, hint: hint}
}

// exitStatus prints err, if any, as "spaced: …" (and "spaced: hint: …") and
// returns the exit status it stands for.
func (a *app) exitStatus(err error) int {
	if err == nil {
		return 0
	}
	code := 1
	var ee *exitError
	var se signalError
	if errors.As(err, &ee) {
		code = ee.code
	} else if errors.As(err, &se) {
		code = se.code()
	} else if isUsageError(err) {
		code = 2
	} else if badEnvValue.MatchString(err.Error()) {
		code, err = 2, usageError(err)
	}
	fmt.Fprintf(a.stderr, "spaced: %v\n", err)
	if ee != nil && ee.hint != "" {
		fmt.Fprintf(a.stderr, "spaced: hint: %s\n", ee.hint)
	}
	if code == 2 && (ee == nil || ee.hint == "") {
		fmt.Fprintf(a.stderr, "spaced: hint: see 'spaced --help'\n")
	}
	return code
}

// isUsageError reports whether err is one the command-line library returns for
// a malformed command line outside OnUsageError (such as a missing command).
func isUsageError(err error) bool {
	var ec cli.ExitCoder
	return errors.As(err, &ec) && ec.ExitCode() == 2
}

// warnf prints a warning line.
func (a *app) warnf(format string, args ...any) {
	fmt.Fprintf(a.stderr, "spaced: warning: "+format+"\n", args...)
}

// notef prints an informational line on stderr.
func (a *app) notef(format string, args ...any) {
	fmt.Fprintf(a.stderr, "spaced: "+format+"\n", args...)
}

// maxArgs returns a misuse error when cmd has more than n positional arguments.
func maxArgs(cmd *cli.Command, n int) error {
	if cmd.NArg() > n {
		return misusef("%s: too many arguments (%d given, at most %d)", cmd.Name, cmd.NArg(), n)
	}
	return nil
}
