// Spaced is a command-line spaced-repetition tool: it compiles a course chapter
// into a flashcard deck, schedules a short daily review with the SM-2 algorithm
// in an SQLite collection, and exports decks for Anki and for print.
//
//	spaced compile chapter20.txt -o serverless.deck.md
//	spaced add serverless.deck.md
//	spaced review
//
// 'spaced --help' lists the commands and their flags; README.md and docs/
// describe them and the formats spaced reads and writes. Exit status: 0
// success, 1 failure, 2 misuse, 70 an internal error (a bug), 128 + n when
// ended by signal n (130 for SIGINT, 143 for SIGTERM).
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/urfave/cli/v3"

	"spaced/internal/appenv"
	"spaced/internal/exit"
	"spaced/output"
)

// version is the program's version, set at build time with
// -ldflags "-X main.version=…".
var version = "0.1.0-dev"

func main() {
	os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr, os.Getenv, time.Now))
}

// app is one run of the program: what it reads from the outside world
// (appenv.App) and the commands over it.
type app struct{ *appenv.App }

// run runs the program with its arguments, standard streams, environment and
// clock, and returns the exit status.
//
// It is the one place that hears signals: SIGINT, SIGTERM, SIGHUP and
// SIGQUIT cancel the context every command runs in, with the signal as the cause;
// the command stops, removes what it was writing and returns, and the exit
// status is 128 + the signal's number (130, 143). SIGWINCH reaches a review
// sitting as a resize.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string, now func() time.Time) (code int) {
	defer func() {
		// A bug: say so, with the stack for a report, after the deferred
		// cleanups of the command (temporary files, the terminal) ran.
		if v := recover(); v != nil {
			fmt.Fprintf(stderr, "spaced: internal error: %v\n%s", v, debug.Stack())
			code = exit.InternalError
		}
	}()
	ctx, resize, stop := signalContext()
	defer stop()
	out := &output.ErrWriter{W: stdout}
	a := &app{&appenv.App{Stdin: stdin, Stdout: out, Stderr: output.SafeWriter{W: stderr}, Getenv: getenv, Now: now, Resize: resize}}
	a.StdinFile, _ = stdin.(*os.File)
	a.StdoutFile, _ = stdout.(*os.File)
	a.StderrFile, _ = stderr.(*os.File)
	root := a.command()
	a.setUsageErrors(root)
	if len(args) > 3 && args[1] == "help" {
		// "spaced help export apkg" is "spaced export apkg --help": the
		// library's help command reads one name.
		args = append(append([]string{args[0]}, args[2:]...), "--help")
	}
	err := root.Run(ctx, args)
	if err == nil && out.Err != nil {
		err = fmt.Errorf("writing the output: %w", out.Err)
	}
	return a.exitStatus(err)
}

// signalContext returns a context that a SIGINT, SIGTERM, SIGHUP or
// SIGQUIT cancels, its cause an exit.Signal, and a channel that carries a value for
// each change of the terminal's size (SIGWINCH), dropped when none is
// waiting.
func signalContext() (context.Context, <-chan struct{}, func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT, syscall.SIGWINCH)
	resize := make(chan struct{}, 1)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case sig := <-ch:
				if sig == syscall.SIGWINCH {
					select {
					case resize <- struct{}{}:
					default:
					}
					continue
				}
				cancel(exit.Signal{Sig: sig.(syscall.Signal)})
				return
			case <-done:
				return
			}
		}
	}()
	return ctx, resize, func() {
		signal.Stop(ch)
		close(done)
		cancel(nil)
	}
}

// command builds the command tree.
func (a *app) command() *cli.Command {
	return &cli.Command{
		Name:                  "spaced",
		Usage:                 "compile chapters into flashcards, review them daily with SM-2, export to Anki and PDF",
		Version:               version,
		Writer:                a.Stdout,
		ErrWriter:             a.Stderr,
		Reader:                a.Stdin,
		EnableShellCompletion: true,
		Suggest:               true,
		Description: "Shell completion of commands, flags, deck names and card IDs: add\n" +
			"  source <(spaced completion bash)     (or zsh; fish: spaced completion fish | source)\n" +
			"to your shell's startup file. 'spaced help COMMAND' shows a command's flags, 'spaced man'\n" +
			"prints the manual page.",
		ExitErrHandler: func(context.Context, *cli.Command, error) {},
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "db", Usage: "the collection, `PATH` (or $SPACED_DB; default $XDG_DATA_HOME/spaced/collection.db, else ~/.local/share/spaced/collection.db)", Sources: a.EnvSource("SPACED_DB")},
			&cli.StringFlag{Name: "today", Usage: "the study day, `YYYY-MM-DD` (or $SPACED_TODAY; default: today, with the rollover)", Sources: a.EnvSource("SPACED_TODAY")},
			&cli.IntFlag{Name: "rollover", Usage: "local `HOUR` (0-23) at which a new study day begins (or $SPACED_ROLLOVER)", Value: 4, Sources: a.EnvSource("SPACED_ROLLOVER")},
		},
		Commands: a.commands(),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.NArg() > 0 {
				name := cmd.Args().First()
				var names []string
				for _, c := range cmd.Commands {
					names = append(names, c.Names()...)
				}
				if s := exit.Suggest(name, names); s != "" {
					return &exit.Error{Code: 2, Err: fmt.Errorf("unknown command %q", name), Hint: fmt.Sprintf("did you mean 'spaced %s'?", s)}
				}
				return exit.Misusef("unknown command %q", name)
			}
			if err := cli.ShowRootCommandHelp(cmd); err != nil {
				return err
			}
			return exit.Misusef("no command given")
		},
	}
}

// setUsageErrors makes every command in the tree report a malformed command
// line as misuse (exit status 2) instead of printing its help, and check
// the study day before it runs.
func (a *app) setUsageErrors(cmd *cli.Command) {
	cmd.OnUsageError = onUsageError
	if len(cmd.Commands) == 0 {
		cmd.Before = a.CheckStudyDay
	}
	for _, sub := range cmd.Commands {
		a.setUsageErrors(sub)
	}
}

func onUsageError(_ context.Context, cmd *cli.Command, err error, _ bool) error {
	hint := "see '" + cmd.FullName() + " --help'"
	if typed, ok := exit.UndefinedFlag(err); ok {
		var names []string
		for _, c := range cmd.Lineage() {
			for _, f := range c.Flags {
				names = append(names, f.Names()...)
			}
		}
		if s := exit.Suggest(typed, names); s != "" {
			hint = "did you mean " + exit.FlagName(s) + "?"
		}
	}
	return &exit.Error{Code: 2, Err: exit.Usage(err), Hint: hint}
}

// exitStatus prints err, if any, as "spaced: …" (and "spaced: hint: …") and
// returns the exit status it stands for.
func (a *app) exitStatus(err error) int {
	code, msg, hint := exit.Status(err)
	if msg != nil {
		fmt.Fprintf(a.Stderr, "spaced: %v\n", msg)
	}
	if hint != "" {
		fmt.Fprintf(a.Stderr, "spaced: hint: %s\n", hint)
	}
	return code
}
