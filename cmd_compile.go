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
	"slices"
	"strings"

	"github.com/urfave/cli/v3"

	"spaced/deck"
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
	src, err := readSource(path)
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
		writeReport(a.stderr, d, warnings)
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
		return writeFileAtomic(ctx, out, 0o644, func(w io.Writer) error { return deck.Write(w, d) })
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

// writeReport prints the --report summary: the total and per-kind counts,
// then each section in chapter order with the number of cards of each kind
// and, under it, every card-like line skipped there with its reason. A
// skipped line belongs to the section of the last card at or above it;
// lines above the first card come first. d may be nil (no cards found).
func writeReport(w io.Writer, d *deck.Deck, warnings []deck.Warning) {
	type group struct {
		name  string
		start int // line of its first card
		kinds map[deck.Kind]int
		warns []deck.Warning
	}
	var groups []*group
	total := map[deck.Kind]int{}
	source, n := "", 0
	if d != nil {
		source, n = d.Source, len(d.Cards)
		for _, c := range d.Cards {
			if len(groups) == 0 || groups[len(groups)-1].name != c.Section {
				groups = append(groups, &group{name: c.Section, start: c.Line, kinds: map[deck.Kind]int{}})
			}
			groups[len(groups)-1].kinds[c.Kind]++
			total[c.Kind]++
		}
	}
	var before []deck.Warning
	warnings = slices.Clone(warnings)
	slices.SortStableFunc(warnings, func(a, b deck.Warning) int { return a.Line - b.Line })
	for _, wn := range warnings {
		var g *group
		for _, cand := range groups {
			if cand.start <= wn.Line {
				g = cand
			}
		}
		if g == nil {
			before = append(before, wn)
			continue
		}
		g.warns = append(g.warns, wn)
	}
	kinds := func(m map[deck.Kind]int) string {
		var parts []string
		for _, k := range deck.Kinds {
			if m[k] > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", m[k], k))
			}
		}
		if len(parts) == 0 {
			return "no cards"
		}
		return strings.Join(parts, ", ")
	}
	lines := "lines"
	if len(warnings) == 1 {
		lines = "line"
	}
	if source != "" {
		fmt.Fprintf(w, "report: %s: %d cards (%s), %d %s skipped\n", source, n, kinds(total), len(warnings), lines)
	} else {
		fmt.Fprintf(w, "report: no cards, %d %s skipped\n", len(warnings), lines)
	}
	skipped := func(ws []deck.Warning) {
		for _, wn := range ws {
			fmt.Fprintf(w, "report:     skipped line %d: %s\n", wn.Line, wn.Msg)
		}
	}
	skipped(before)
	for _, g := range groups {
		name := g.name
		if name == "" {
			name = "(no section)"
		}
		fmt.Fprintf(w, "report:   %s: %s\n", name, kinds(g.kinds))
		skipped(g.warns)
	}
}
