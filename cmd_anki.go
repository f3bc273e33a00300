package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v3"

	"spaced/export"
	"spaced/internal/exit"
)

func (a *app) exportAnkiCommand() *cli.Command {
	return &cli.Command{
		Name:      "anki",
		Usage:     "write a CSV file that Anki imports (File → Import); importing it again updates the notes in place",
		ArgsUsage: "[SOURCE...]",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE.csv` instead of stdout (- is stdout)"},
			&cli.StringFlag{Name: "anki-deck", Usage: "put every note in the Anki deck `NAME` (default: each card's deck, with :: hierarchy)"},
			&cli.StringFlag{Name: "notetype", Usage: "Anki notetype `NAME` with two fields (default: " + export.AnkiBasic + ", or " + export.AnkiBasicReversed + " with --reverse)"},
			&cli.BoolFlag{Name: "reverse", Usage: "notetype " + export.AnkiBasicReversed + ": Anki also asks each card back to front"},
		}, filterFlags()...),
		Action: a.exportAnki,
	}
}

func (a *app) exportAnki(ctx context.Context, cmd *cli.Command) error {
	opt := export.AnkiOptions{Deck: cmd.String("anki-deck"), Notetype: cmd.String("notetype"), Reverse: cmd.Bool("reverse")}
	for _, f := range []string{"anki-deck", "notetype"} {
		if cmd.IsSet(f) && cmd.String(f) == "" {
			return exit.Misusef("export anki: --%s needs a name", f)
		}
	}
	if err := opt.Validate(); err != nil {
		return exit.WithHint(exit.Misusef("export anki: %v", err), "give --anki-deck and --notetype a name as Anki shows it, such as --anki-deck \"Exams::AWS 2026\"")
	}
	cards, err := a.exportCards(ctx, cmd, false)
	if err != nil {
		return err
	}
	out := cmd.String("output")
	err = a.writeOutput(ctx, out, func(w io.Writer) error { return export.AnkiCSV(w, cards, opt) })
	if err != nil {
		return fmt.Errorf("export anki: %w", err)
	}
	if out == "" || out == "-" {
		return nil
	}
	switch strings.ToLower(filepath.Ext(out)) {
	case ".csv", ".txt", ".tsv":
	default:
		a.warnf("%s: Anki's import dialog offers only files ending in .csv, .tsv or .txt", out)
	}
	return nil
}
