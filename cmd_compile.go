package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/urfave/cli/v3"

	"spaced/deck"
	"spaced/internal/appenv"
	"spaced/internal/exit"
	"spaced/internal/files"
)

func (a *app) compileCommand() *cli.Command {
	return &cli.Command{
		Name:      "compile",
		Usage:     "turn a chapter into a deck file (or JSON) with stable card IDs",
		ArgsUsage: "CHAPTER",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the deck file to `DECK` (- is stdout), keeping the IDs of the deck file already there"},
			&cli.StringFlag{Name: "format", Value: "deck", Usage: "output `FORMAT`: deck or json"},
			&cli.StringFlag{Name: "name", Usage: "deck `NAME` (default: COURSE::Chapter N, or the title)"},
			&cli.BoolFlag{Name: "report", Usage: "print the cards found per section and the lines skipped, on stderr"},
		},
		Action: a.compile,
	}
}

// compileOptions are the arguments and flags of compile.
type compileOptions struct {
	path, out, format, name string
	report                  bool
}

func readCompileOptions(cmd *cli.Command) (compileOptions, error) {
	o := compileOptions{path: cmd.Args().First(), out: cmd.String("output"), format: cmd.String("format"),
		name: cmd.String("name"), report: cmd.Bool("report")}
	switch {
	case o.path == "":
		return o, exit.Misusef("compile: no CHAPTER given")
	case o.format != "deck" && o.format != "json":
		return o, exit.Misusef("compile: unknown --format %q (want deck or json)", o.format)
	case o.format == "json" && o.out != "":
		return o, exit.Misusef("compile: --format json writes to stdout only; leave out -o")
	}
	return o, appenv.MaxArgs(cmd, 1)
}

func (a *app) compile(ctx context.Context, cmd *cli.Command) error {
	o, err := readCompileOptions(cmd)
	if err != nil {
		return err
	}
	path, out := o.path, o.out
	src, err := files.ReadText(path)
	if err != nil {
		return err
	}
	var old *deck.Deck
	if out != "" && out != "-" {
		if old, err = readOldDeck(out); err != nil {
			return err
		}
	}
	d, warnings, err := appenv.CompileUntil(ctx, compileText(path, &src, o.name, old))
	a.PrintWarnings(path, warnings)
	if o.report {
		deck.WriteReport(a.Stderr, d, warnings)
	}
	if errors.Is(err, deck.ErrNoCards) {
		return exit.WithHint(err, "a chapter needs lines like \"Q: … A: …\", \"• Term: definition\" or a numbered list; see README.md, Compiling chapters")
	}
	if err != nil {
		return err
	}
	if o.format == "json" {
		return deck.WriteJSON(a.Stdout, d)
	}
	return a.WriteOutput(ctx, out, func(w io.Writer) error { return deck.Write(w, d) })
}

// compileText returns the reading of the chapter at path, whose text *src
// holds: a deck file given as the CHAPTER is read as a deck file, never
// compiled as a chapter (compile a.deck.md -o a.deck.md leaves it as it
// was). The reading takes the text from *src, so that only the compile
// holds it and it is freed once lowered.
func compileText(path string, src *string, name string, old *deck.Deck) func() (*deck.Deck, []deck.Warning, error) {
	return func() (*deck.Deck, []deck.Warning, error) {
		text := *src
		*src = ""
		if deck.IsDeckText(text) {
			d, warnings, err := deck.LoadText(path, text, name)
			switch {
			case err != nil:
			case len(d.Cards) == 0:
				err = exit.WithHint(fmt.Errorf("%s: the deck file has no cards", path), "cards start with \"### KIND {#ID}\"; see docs/deck-file.md")
			case d.Name == "":
				err = exit.WithHint(fmt.Errorf("%s: the deck has no name", path), "give the deck file a \"# NAME\" line under its first line, or give --name NAME")
			}
			return d, warnings, err
		}
		return deck.CompileText(path, text, deck.Options{Name: name, Old: old})
	}
}

// readOldDeck reads the deck file that compile -o is about to replace, so its
// cards keep their IDs. A missing or empty file, or a special file such as
// /dev/null, is no old deck; a file that is not a deck file is refused and
// left alone.
func readOldDeck(path string) (*deck.Deck, error) {
	src, err := files.ReadOld(path)
	if err != nil || src == nil {
		return nil, err
	}
	if !deck.IsDeckFile(src) {
		return nil, exit.WithHint(fmt.Errorf("%s: exists and is not a deck file; not overwriting it", path),
			"choose another -o path, or remove the file")
	}
	old, err := deck.Read(bytes.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("%s:%w", path, err)
	}
	return old, nil
}
