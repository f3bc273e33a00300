// Package ankicmd holds the commands that exchange decks with Anki: export
// anki (a CSV file), export apkg (a package) and import (packages and text
// files).
package ankicmd

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v3"

	"spaced/deck"
	"spaced/export"
	"spaced/internal/appenv"
	"spaced/internal/exit"
	"spaced/internal/files"
	"spaced/output"
)

// ExportCSV returns the command "export anki".
func ExportCSV(a *appenv.App) *cli.Command {
	return &cli.Command{
		Name:      "anki",
		Usage:     "write a CSV file that Anki imports (File → Import); importing it again updates the notes in place",
		ArgsUsage: "[SOURCE...]",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE.csv` instead of stdout (- is stdout)"},
			&cli.StringFlag{Name: "anki-deck", Usage: "put every note in the Anki deck `NAME` (default: each card's deck, with :: hierarchy)"},
			&cli.StringFlag{Name: "notetype", Usage: "Anki notetype `NAME` with two fields (default: " + export.AnkiBasic + ", or " + export.AnkiBasicReversed + " with --reverse)"},
			&cli.BoolFlag{Name: "reverse", Usage: "notetype " + export.AnkiBasicReversed + ": Anki also asks each card back to front"},
			&cli.StringFlag{Name: "media", Usage: "copy the cards' images into `DIR`, Anki's collection.media folder, under names the file's <img> tags use"},
		}, appenv.FilterFlags()...),
		Action: func(ctx context.Context, cmd *cli.Command) error { return exportCSV(ctx, a, cmd) },
	}
}

func exportCSV(ctx context.Context, a *appenv.App, cmd *cli.Command) error {
	opt := export.AnkiOptions{Deck: cmd.String("anki-deck"), Notetype: cmd.String("notetype"), Reverse: cmd.Bool("reverse")}
	for _, f := range []string{"anki-deck", "notetype"} {
		if cmd.IsSet(f) && cmd.String(f) == "" {
			return exit.Misusef("export anki: --%s needs a name", f)
		}
	}
	if err := opt.Validate(); err != nil {
		return exit.WithHint(exit.Misusef("export anki: %v", err), "give --anki-deck and --notetype a name as Anki shows it, such as --anki-deck \"Exams::AWS 2026\"")
	}
	cards, err := a.ExportCards(ctx, cmd, false)
	if err != nil {
		return err
	}
	if opt.Media, err = ankiMedia(ctx, a, cmd.String("media"), cards); err != nil {
		return fmt.Errorf("export anki: %w", err)
	}
	out := cmd.String("output")
	err = a.WriteOutput(ctx, out, func(w io.Writer) error { return export.AnkiCSV(w, cards, opt) })
	if err != nil {
		return fmt.Errorf("export anki: %w", err)
	}
	if out == "" || out == "-" {
		return nil
	}
	switch strings.ToLower(filepath.Ext(out)) {
	case ".csv", ".txt", ".tsv":
	default:
		a.Warnf("%s: Anki's import dialog offers only files ending in .csv, .tsv or .txt", out)
	}
	return nil
}

// ankiMedia copies the images of cards into dir (files.CopyMedia) and
// returns the names for their <img> tags; an image that cannot be copied
// is a warning naming its card's source and line. Without dir, a card with
// images gets a warning that Anki will not find them.
func ankiMedia(ctx context.Context, a *appenv.App, dir string, cards []export.Card) (func(*export.Card, string) string, error) {
	names := make(map[string]string) // source file → media name
	count := 0
	for i := range cards {
		c := &cards[i]
		for _, img := range append(deck.Images(c.Front), deck.Images(c.Back)...) {
			count++
			src := c.ImagePath(img)
			if _, done := names[src]; done || dir == "" {
				continue
			}
			if st, err := os.Stat(dir); err != nil || !st.IsDir() {
				return nil, fmt.Errorf("--media %s: no such folder", dir)
			}
			name, err := files.CopyMedia(ctx, dir, src)
			if err != nil {
				a.Warnf("%s:%d: %s: %v", c.Source, c.Line, img, err)
				name = filepath.Base(img)
			}
			names[src] = name
		}
	}
	if count > 0 && dir == "" {
		a.Warnf("the cards show %s; give --media DIR (Anki's collection.media folder) to copy them where Anki finds them", output.Plural(count, "image"))
	}
	return func(c *export.Card, img string) string {
		if n, ok := names[c.ImagePath(img)]; ok {
			return n
		}
		return filepath.Base(img)
	}, nil
}
