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
)

func (a *app) compileCommand() *cli.Command {
	return &cli.Command{
		Name:      "compile",
		Usage:     "turn a chapter into a deck file (or JSON) with stable card IDs",
		ArgsUsage: "CHAPTER",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the deck file to `DECK`, keeping the IDs of the deck file already there"},
			&cli.StringFlag{Name: "format", Value: "deck", Usage: "output `FORMAT`: deck or json"},
			&cli.StringFlag{Name: "name", Usage: "deck `NAME` (default: COURSE::Chapter N, or the title)"},
			&cli.BoolFlag{Name: "report", Usage: "print the cards found per section and the lines skipped, on stderr"},
		},
		Action: a.compile,
	}
}

func (a *app) compile(_ context.Context, cmd *cli.Command) error {
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
	src, err := readSource(path)
	if err != nil {
		return err
	}
	var old *deck.Deck
	if out != "" {
		if old, err = readOldDeck(out); err != nil {
			return err
		}
	}
	d, warnings, err := deck.Compile(path, src, deck.Options{Name: cmd.String("name"), Old: old})
	for _, w := range warnings {
		a.warnf("%s:%d: %s", path, w.Line, w.Msg)
	}
	if cmd.Bool("report") {
		writeReport(a.stderr, d, warnings)
	}
	if err != nil {
		return withHint(err, "a chapter needs lines like \"Q: … A: …\", \"• Term: definition\" or a numbered list; see README.md, Compiling chapters")
	}
	switch {
	case format == "json":
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(d)
	case out == "":
		return deck.Write(a.stdout, d)
	default:
		return writeFileAtomic(out, 0o644, func(w io.Writer) error { return deck.Write(w, d) })
	}
}

// readOldDeck reads the deck file that compile -o is about to replace, so its
// cards keep their IDs. A missing file is no old deck; a file that is not a
// deck file is refused and left alone.
func readOldDeck(path string) (*deck.Deck, error) {
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

// writeReport prints, per section, how many cards of each kind were found,
// then every skipped card-like line with its reason.
func writeReport(w io.Writer, d *deck.Deck, warnings []deck.Warning) {
	if d != nil {
		type count struct {
			section string
			kinds   map[deck.Kind]int
		}
		var counts []*count
		for i := range d.Cards {
			c := &d.Cards[i]
			if len(counts) == 0 || counts[len(counts)-1].section != c.Section {
				counts = append(counts, &count{section: c.Section, kinds: map[deck.Kind]int{}})
			}
			counts[len(counts)-1].kinds[c.Kind]++
		}
		fmt.Fprintf(w, "report: %s: %d cards\n", d.Source, len(d.Cards))
		for _, c := range counts {
			name := c.section
			if name == "" {
				name = "(no section)"
			}
			fmt.Fprintf(w, "report:   %s:", name)
			for _, k := range deck.Kinds {
				if n := c.kinds[k]; n > 0 {
					fmt.Fprintf(w, " %d %s", n, k)
				}
			}
			fmt.Fprintln(w)
		}
	}
	for _, wn := range warnings {
		fmt.Fprintf(w, "report:   skipped line %d: %s\n", wn.Line, wn.Msg)
	}
}
