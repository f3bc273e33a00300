package ankicmd

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v3"

	"spaced/anki"
	"spaced/deck"
	"spaced/export"
	"spaced/internal/appenv"
	"spaced/internal/exit"
	"spaced/internal/files"
	"spaced/srs"
)

// ExportPackage returns the command "export apkg".
func ExportPackage(a *appenv.App) *cli.Command {
	return &cli.Command{
		Name:      "apkg",
		Usage:     "write an Anki package (.apkg) that Anki opens with a double click, with the cards' images",
		ArgsUsage: "[SOURCE...]",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE.apkg` (- is stdout, when it is not a terminal)"},
			&cli.StringFlag{Name: "anki-deck", Usage: "put every note in the Anki deck `NAME` (default: each card's deck, with :: hierarchy)"},
			&cli.BoolFlag{Name: "with-scheduling", Usage: "carry each card's SM-2 state and review log (default: cards arrive new)"},
		}, appenv.FilterFlags()...),
		Action: func(ctx context.Context, cmd *cli.Command) error { return exportPackage(ctx, a, cmd) },
	}
}

func exportPackage(ctx context.Context, a *appenv.App, cmd *cli.Command) error {
	out := cmd.String("output")
	opt, err := packageOptions(a, cmd)
	if err != nil {
		return err
	}
	cards, items, err := a.ExportItems(ctx, cmd)
	if err != nil {
		return err
	}
	wo := anki.WriteOptions{TempDir: tempDir(out)}
	if wo.Time, err = a.ExportTime(cmd); err != nil {
		return err
	}
	if wo.Day, err = a.StudyDay(cmd); err != nil {
		return err
	}
	var names map[string]string
	if wo.Media, names, err = packageMedia(a, cards); err != nil {
		return fmt.Errorf("export apkg: %w", err)
	}
	opt.Media = func(c *export.Card, img string) string { return names[c.ImagePath(img)] }
	wo.Notes = opt
	if cmd.Bool("with-scheduling") && items != nil {
		if wo.Schedule, err = schedules(a, cmd, items, wo.Day); err != nil {
			return err
		}
	}
	items = nil // the schedules hold what the package needs of them
	err = a.WriteOutput(ctx, out, func(w io.Writer) error { return anki.Write(ctx, w, cards, wo) })
	if err != nil {
		return fmt.Errorf("export apkg: %w", err)
	}
	if out != "" && out != "-" && !strings.EqualFold(filepath.Ext(out), ".apkg") {
		a.Warnf("%s: Anki opens packages whose names end in .apkg", out)
	}
	return nil
}

// packageOptions checks the output and --anki-deck of export apkg.
func packageOptions(a *appenv.App, cmd *cli.Command) (export.AnkiOptions, error) {
	opt := export.AnkiOptions{Deck: cmd.String("anki-deck")}
	if out := cmd.String("output"); (out == "" || out == "-") && appenv.IsTerminal(a.StdoutFile) {
		return opt, exit.WithHint(exit.Misusef("export apkg: not writing a zip file to the terminal"), "give -o FILE.apkg")
	}
	if cmd.IsSet("anki-deck") && opt.Deck == "" {
		return opt, exit.Misusef("export apkg: --anki-deck needs a name")
	}
	if err := opt.Validate(); err != nil {
		return opt, exit.WithHint(exit.Misusef("export apkg: %v", err), "give --anki-deck a name as Anki shows it, such as --anki-deck \"Exams::AWS 2026\"")
	}
	return opt, nil
}

// tempDir returns the folder of the output path, where the package's
// collection is written while it is made; "" (the system's) for stdout.
func tempDir(out string) string {
	if out == "" || out == "-" {
		return ""
	}
	return filepath.Dir(out)
}

// packageMedia returns the images of cards as media files of a package,
// each once, named by their content and base name as --media names them
// for the CSV file, and the name of each by path. An image that cannot be
// read is a warning naming its card's source and line.
func packageMedia(a *appenv.App, cards []export.Card) ([]anki.Media, map[string]string, error) {
	names := map[string]string{}
	var media []anki.Media
	for i := range cards {
		c := &cards[i]
		for _, img := range append(deck.Images(c.Front), deck.Images(c.Back)...) {
			src := c.ImagePath(img)
			if _, done := names[src]; done {
				continue
			}
			name, err := files.MediaName(src)
			if err != nil {
				a.Warnf("%s:%d: %s: %v", c.Source, c.Line, img, err)
				names[src] = filepath.Base(img)
				continue
			}
			names[src] = name
			media = append(media, anki.Media{Name: name, Path: src})
		}
	}
	return media, names, nil
}

// schedules returns the scheduling of the collection's cards items by ID,
// for --with-scheduling, on study day day, with their review log.
func schedules(a *appenv.App, cmd *cli.Command, items []srs.Item, day srs.Day) (func(string) (anki.Schedule, bool), error) {
	s, err := a.OpenStore(cmd, false)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	reviews, err := s.Reviews()
	if err != nil {
		return nil, err
	}
	byID := make(map[string]anki.Schedule, len(items))
	for i := range items {
		it := &items[i]
		byID[it.Card.ID] = anki.Schedule{State: it.State, Suspended: it.Suspended, Buried: it.BuriedUntil > day}
	}
	for _, r := range reviews {
		if sc, ok := byID[r.CardID]; ok {
			sc.Reviews = append(sc.Reviews, r)
			byID[r.CardID] = sc
		}
	}
	return func(id string) (anki.Schedule, bool) {
		sc, ok := byID[id]
		return sc, ok
	}, nil
}
