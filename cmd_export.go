package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/urfave/cli/v3"

	"spaced/export"
	"spaced/internal/appenv"
	"spaced/internal/collection"
	"spaced/internal/exit"
	"spaced/internal/files"
)

func (a *app) exportCommand() *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write decks as an Anki CSV file or a printable PDF",
		Commands: []*cli.Command{
			a.exportAnkiCommand(),
			a.exportPDFCommand(),
		},
		Action: func(_ context.Context, cmd *cli.Command) error {
			if cmd.NArg() > 0 {
				return exit.Misusef("export: unknown format %q (want anki or pdf)", cmd.Args().First())
			}
			return exit.Misusef("export: which format? 'spaced export anki' or 'spaced export pdf'")
		},
	}
}

// exportCards returns the cards an exporter writes (collection.ExportCards):
// of the SOURCE files, else of the collection, else of the built-in deck;
// with weak, those the collection rates hard on the study day. It fails
// with a hint when the filter leaves nothing.
func (a *app) exportCards(ctx context.Context, cmd *cli.Command, weak bool) ([]export.Card, error) {
	if err := a.checkOutput(cmd); err != nil {
		return nil, err
	}
	sel := collection.Selection{Filter: appenv.ReadFilter(cmd), Weak: weak}
	for _, path := range cmd.Args().Slice() {
		d, err := a.LoadDeck(ctx, path, "")
		if err != nil {
			return nil, err
		}
		sel.Sources = append(sel.Sources, d)
	}
	var err error
	if sel.DB, err = a.CollectionPath(cmd); err != nil && len(sel.Sources) == 0 {
		return nil, err
	}
	if sel.Day, err = a.StudyDay(cmd); err != nil {
		return nil, err
	}
	cards, err := collection.ExportCards(sel)
	switch {
	case errors.Is(err, collection.ErrNoCards) && weak:
		return nil, exit.WithHint(fmt.Errorf("%s --weak: no weak cards", verb(cmd)),
			"weak cards have an E-Factor below 2.0, a lapse in the last 30 days, or the leech flag; check the filters")
	case errors.Is(err, collection.ErrNoCards):
		return nil, exit.WithHint(fmt.Errorf("%s: no cards to export", verb(cmd)),
			"check --deck, --tag and --section; 'spaced decks' lists the decks")
	}
	return cards, err
}

// checkOutput refuses an -o path that names one of the command's SOURCE
// files or the collection, which the export would otherwise replace.
func (a *app) checkOutput(cmd *cli.Command) error {
	out := cmd.String("output")
	if out == "" || out == "-" {
		return nil
	}
	for _, src := range cmd.Args().Slice() {
		if files.Same(out, src) {
			return exit.WithHint(fmt.Errorf("%s: -o %s is the SOURCE %s; not overwriting it", verb(cmd), out, src), "choose another -o path")
		}
	}
	if db, err := a.CollectionPath(cmd); err == nil {
		for _, p := range []string{db, db + "-wal", db + "-shm"} {
			if files.Same(out, p) {
				return exit.WithHint(fmt.Errorf("%s: -o %s is the collection; not overwriting it", verb(cmd), out), "choose another -o path")
			}
		}
	}
	return nil
}

// verb names the command for messages: "export anki".
func verb(cmd *cli.Command) string {
	return strings.TrimPrefix(cmd.FullName(), cmd.Root().Name+" ")
}
