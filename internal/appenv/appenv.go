// Package appenv is what one run of spaced reads from the outside world
// (its streams, environment and clock), and what every command does with
// it the same way: the study day of the run, finding and opening the
// collection, reading chapters and deck files, writing output, the
// filters, warnings and notes.
package appenv

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v3"
	"golang.org/x/term"

	"spaced/deck"
	"spaced/internal/collection"
	"spaced/internal/exit"
	"spaced/internal/files"
	"spaced/srs"
)

// App holds what one run of the program reads from the outside world.
type App struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer // what is written shows its control characters (output.Safe)

	StdinFile, StdoutFile, StderrFile *os.File // the standard streams, when they are files
	Getenv                            func(string) string
	Now                               func() time.Time
	Resize                            <-chan struct{} // a value for each change of the terminal's size

	day    srs.Day // the study day of the run, once computed
	dayErr error   // why it could not be
}

// EnvSource returns a flag's value source that reads the environment
// variable name through a.Getenv, never the process environment directly.
func (a *App) EnvSource(name string) cli.ValueSourceChain {
	return cli.NewValueSourceChain(envSource{name: name, getenv: a.Getenv})
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

// Warnf prints a warning line.
func (a *App) Warnf(format string, args ...any) {
	fmt.Fprintf(a.Stderr, "spaced: warning: "+format+"\n", args...)
}

// Notef prints an informational line on stderr.
func (a *App) Notef(format string, args ...any) {
	fmt.Fprintf(a.Stderr, "spaced: "+format+"\n", args...)
}

// MaxArgs returns a misuse error when cmd has more than n positional arguments.
func MaxArgs(cmd *cli.Command, n int) error {
	if cmd.NArg() > n {
		return exit.Misusef("%s: too many arguments (%d given, at most %d)", cmd.Name, cmd.NArg(), n)
	}
	return nil
}

// StudyDay returns the study day of this run: --today (SPACED_TODAY) when
// given, else the day a.Now() falls in with the --rollover hour. It is
// computed once, before any command runs (checkStudyDay), so that every
// command refuses a malformed --today or --rollover the same way, as
// misuse.
func (a *App) StudyDay(cmd *cli.Command) (srs.Day, error) {
	if a.dayErr != nil || a.day != 0 {
		return a.day, a.dayErr
	}
	a.day, a.dayErr = a.readStudyDay(cmd)
	return a.day, a.dayErr
}

func (a *App) readStudyDay(cmd *cli.Command) (srs.Day, error) {
	if s := cmd.String("today"); s != "" {
		d, err := srs.ParseStudyDay(s)
		if err != nil {
			from := ""
			if a.Getenv("SPACED_TODAY") == s {
				from = " (from SPACED_TODAY)"
			}
			return 0, exit.Misusef("--today: %v%s", err, from)
		}
		return d, nil
	}
	h := cmd.Int("rollover")
	if h < 0 || h > 23 {
		return 0, exit.Misusef("--rollover: %d is not an hour (want 0 to 23)", h)
	}
	return srs.StudyDay(a.Now(), int(h)), nil
}

// CheckStudyDay is the Before of every command: it computes the study day
// of the run.
func (a *App) CheckStudyDay(ctx context.Context, cmd *cli.Command) (context.Context, error) {
	_, err := a.StudyDay(cmd)
	return ctx, err
}

// Study returns the study day and the collection, opened as openStudy
// does, for the command named verb; errors from opening name the verb.
func (a *App) Study(ctx context.Context, cmd *cli.Command, verb string, write bool) (*srs.Store, srs.Day, error) {
	day, err := a.StudyDay(cmd)
	if err != nil {
		return nil, 0, err
	}
	s, err := a.OpenStudy(ctx, cmd, write)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", verb, err)
	}
	return s, day, nil
}

// CollectionPath returns the path of the collection (see collection.Path).
// A folder is made for the default collection only: a collection given by
// --db or SPACED_DB must be in a folder that exists, so a mistyped path
// makes nothing.
func (a *App) CollectionPath(cmd *cli.Command) (string, error) {
	p, err := collection.Path(cmd.String("db"), cmd.IsSet("db"), a.Getenv)
	if err == nil && cmd.String("db") != "" {
		if st, serr := os.Stat(filepath.Dir(p)); serr != nil || !st.IsDir() {
			return "", exit.WithHint(fmt.Errorf("--db %s: no such folder %s", p, filepath.Dir(p)), "create the folder, or give another path")
		}
	}
	return p, err
}

// OpenStore opens the collection (see collection.Open).
func (a *App) OpenStore(cmd *cli.Command, write bool) (*srs.Store, error) {
	p, err := a.CollectionPath(cmd)
	if err != nil {
		return nil, err
	}
	return collection.Open(p, write)
}

// OpenStudy opens the collection for a command that studies it, with a
// note when the built-in deck was added (see collection.OpenStudy).
func (a *App) OpenStudy(ctx context.Context, cmd *cli.Command, write bool) (*srs.Store, error) {
	p, err := a.CollectionPath(cmd)
	if err != nil {
		return nil, err
	}
	s, added, err := collection.OpenStudy(ctx, p, write, a.Now())
	if added != nil {
		a.Notef("the collection was empty: added the built-in deck %s (%d cards)", added.Deck, added.Cards)
	}
	return s, err
}

// LoadDeck returns the deck in the file at path: a deck file is read as it is,
// anything else is compiled as a chapter (name, when not empty, names the
// deck). Compile warnings are printed as they are found.
func (a *App) LoadDeck(ctx context.Context, path, name string) (*deck.Deck, error) {
	src, err := files.ReadText(path)
	if err != nil {
		return nil, err
	}
	d, warnings, err := CompileUntil(ctx, func() (*deck.Deck, []deck.Warning, error) {
		// Only the compile holds the text, so it is freed once lowered.
		text := src
		src = ""
		return deck.LoadText(path, text, name)
	})
	a.PrintWarnings(path, warnings)
	return d, err
}

// CompileUntil runs compile, a reading of a chapter or deck file, and
// returns its result, or the cause of ctx as soon as ctx ends (a signal):
// a long compile stops at once. The reading has no effect but its result,
// so it is left to end with the process.
func CompileUntil(ctx context.Context, compile func() (*deck.Deck, []deck.Warning, error)) (*deck.Deck, []deck.Warning, error) {
	type result struct {
		d        *deck.Deck
		warnings []deck.Warning
		err      error
	}
	done := make(chan result, 1)
	go func() {
		d, w, err := compile()
		done <- result{d, w, err}
	}()
	select {
	case r := <-done:
		return r.d, r.warnings, r.err
	case <-ctx.Done():
		return nil, nil, context.Cause(ctx)
	}
}

// PrintWarnings prints the warnings of compiling the chapter path, except
// the notes that only --report shows.
func (a *App) PrintWarnings(path string, warnings []deck.Warning) {
	for _, w := range warnings {
		if !w.Note {
			a.Warnf("%s:%d: %s", path, w.Line, w.Msg)
		}
	}
}

// WriteOutput writes through write to the file out, atomically (see
// files.Write), or to standard output when out is "" or "-". Standard
// output gets nothing when write fails.
func (a *App) WriteOutput(ctx context.Context, out string, write func(io.Writer) error) error {
	if out != "" && out != "-" {
		return files.Write(ctx, out, 0o644, write)
	}
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	_, err := a.Stdout.Write(buf.Bytes())
	return err
}

// IsTerminal reports whether f is a terminal.
func IsTerminal(f *os.File) bool {
	return f != nil && term.IsTerminal(int(f.Fd()))
}

// Width returns the width of the terminal standard output is, or 0 when
// it is none: the tables fit a terminal, and are whole in a pipe.
func (a *App) Width() int {
	if !IsTerminal(a.StdoutFile) {
		return 0
	}
	w, _, err := term.GetSize(int(a.StdoutFile.Fd()))
	if err != nil {
		return 0
	}
	return w
}

// FilterFlags returns the --deck, --tag and --section flags shared by the
// commands that select cards.
func FilterFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "deck", Usage: "only decks whose name starts with `NAME`, or matches it as a glob (SAA*), any case"},
		&cli.StringFlag{Name: "grep", Usage: "only cards whose front or back contains `TEXT` (any case)"},
		&cli.StringFlag{Name: "tag", Usage: "only cards tagged `TAG` (or TAG::…)"},
		&cli.StringFlag{Name: "section", Usage: "only cards whose section contains `TEXT` (any case)"},
	}
}

// ReadFilter returns the filter the command's flags give.
func ReadFilter(cmd *cli.Command) deck.Filter {
	return deck.Filter{Deck: cmd.String("deck"), Tag: cmd.String("tag"), Section: cmd.String("section"), Grep: cmd.String("grep")}
}

// StudyFilter is readFilter for a command that studies the collection s: a
// --deck that names no deck of the collection is warned about, since the
// command will then show nothing.
func (a *App) StudyFilter(cmd *cli.Command, s *srs.Store) deck.Filter {
	f := ReadFilter(cmd)
	if names, unknown := collection.UnknownDeck(s, f); unknown {
		a.Warnf("no deck %q in the collection (it has %s)", f.Deck, strings.Join(names, ", "))
	}
	return f
}

// CompleteCards completes card IDs for the shell (collection.CompleteCards).
func (a *App) CompleteCards(ctx context.Context, cmd *cli.Command) {
	if p, err := a.CollectionPath(cmd); err == nil {
		collection.CompleteCards(cmd.Root().Writer, p, ReadFilter(cmd))
	}
}

// CompleteDecks completes deck names for the shell.
func (a *App) CompleteDecks(ctx context.Context, cmd *cli.Command) {
	if p, err := a.CollectionPath(cmd); err == nil {
		collection.CompleteDecks(cmd.Root().Writer, p)
	}
}
