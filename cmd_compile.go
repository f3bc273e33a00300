package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/urfave/cli/v3"

	"spaced/deck"
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

func (a *app) compile(ctx context.Context, cmd *cli.Command) error {
	if err := maxArgs(cmd, 1); err != nil {
		return err
	}
	path, out, format := cmd.Args().First(), cmd.String("output"), cmd.String("format")
	switch {
	case path == "":
		return misusef("compile: no CHAPTER given")
	case format != "deck" && format != "json":
		return misusef("compile: unknown --format %q (want deck or json)", format)
	case format == "json" && out != "":
		return misusef("compile: --format json writes to stdout only; leave out -o")
	}
	src, err := files.Read(path)
	if err != nil {
		return err
	}
	var old *deck.Deck
	if out != "" && out != "-" {
		if old, err = readOldDeck(out); err != nil {
			return err
		}
	}
	d, warnings, err := deck.Compile(path, src, deck.Options{Name: cmd.String("name"), Old: old})
	for _, w := range warnings {
		if !w.Note {
			a.warnf("%s:%d: %s", path, w.Line, w.Msg)
		}
	}
	if cmd.Bool("report") {
		deck.WriteReport(a.stderr, d, warnings)
	}
	if errors.Is(err, deck.ErrNoCards) {
		return withHint(err, "a chapter needs lines like \"Q: … A: …\", \"• Term: definition\" or a numbered list; see README.md, Compiling chapters")
	}
	if err != nil {
		return err
	}
	switch {
	case format == "json":
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(d)
	case out == "" || out == "-":
		return deck.Write(a.stdout, d)
	default:
		return files.Write(ctx, out, 0o644, func(w io.Writer) error { return deck.Write(w, d) })
	}
}

// readOldDeck reads the deck file that compile -o is about to replace, so its
// cards keep their IDs. A missing or empty file, or a special file such as
// /dev/null, is no old deck; a file that is not a deck file is refused and
// left alone.
func readOldDeck(path string) (*deck.Deck, error) {
	if st, err := os.Stat(path); err == nil && (!st.Mode().IsRegular() || st.Size() == 0) {
		return nil, nil
	}
	src, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s: %w", path, pe.Err)
		}
		return nil, err
	}
	if !deck.IsDeckFile(src) {
		return nil, withHint(fmt.Errorf("%s: exists and is not a deck file; not overwriting it", path),
			"choose another -o path, or remove the file")
	}
	old, err := deck.Read(bytes.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("%s:%w", path, err)
	}
	return old, nil
}
