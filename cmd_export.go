package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/urfave/cli/v3"

	"spaced/deck"
	"spaced/export"
	"spaced/internal/exit"
	"spaced/internal/files"
	"spaced/srs"
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

// exportCards returns the cards an exporter writes, in deck order, filtered:
// from the SOURCE files when given, else from the collection, else (no
// collection, or an empty one) from the built-in deck, which is not added. It
// fails with a hint when the filter leaves nothing.
func (a *app) exportCards(cmd *cli.Command) ([]export.Card, error) {
	if err := a.checkOutput(cmd); err != nil {
		return nil, err
	}
	f := readFilter(cmd)
	var cards []export.Card
	var decks []*deck.Deck
	for _, path := range cmd.Args().Slice() {
		d, err := a.loadDeck(path, "")
		if err != nil {
			return nil, err
		}
		decks = append(decks, d)
	}
	if len(decks) == 0 {
		items, err := a.collectionItems(cmd, func(s *srs.Store) ([]srs.Item, error) { return s.Cards(f, false) })
		if err != nil {
			return nil, err
		}
		if items == nil {
			d, err := a.builtinDeck()
			if err != nil {
				return nil, err
			}
			decks = append(decks, d)
		}
		cards = exportItems(items)
	}
	for _, d := range decks {
		for i := range d.Cards {
			if f.Match(d.Name, &d.Cards[i]) {
				cards = append(cards, export.Card{Card: d.Cards[i], Deck: d.Name})
			}
		}
	}
	if len(cards) == 0 {
		return nil, noCards(cmd)
	}
	return cards, nil
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
	if db, err := a.collectionPath(cmd); err == nil {
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

// weakCards returns the cards the collection rates hard on the study day,
// hardest first, filtered, for export pdf --weak.
func (a *app) weakCards(cmd *cli.Command) ([]export.Card, error) {
	if err := a.checkOutput(cmd); err != nil {
		return nil, err
	}
	day, err := a.studyDay(cmd)
	if err != nil {
		return nil, err
	}
	items, err := a.collectionItems(cmd, func(s *srs.Store) ([]srs.Item, error) { return s.Weak(readFilter(cmd), day) })
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return nil, exit.WithHint(fmt.Errorf("%s --weak: no weak cards", verb(cmd)),
			"weak cards have an E-Factor below 2.0, a lapse in the last 30 days, or the leech flag; check the filters")
	}
	return exportItems(items), nil
}

// collectionItems opens the collection read-only and returns what query
// finds in it; nil, without an error, when there is no collection or it has
// no deck.
func (a *app) collectionItems(cmd *cli.Command, query func(*srs.Store) ([]srs.Item, error)) ([]srs.Item, error) {
	s, err := a.openStore(cmd, false)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer s.Close()
	if empty, err := s.Empty(); err != nil || empty {
		return nil, err
	}
	items, err := query(s)
	if err == nil && items == nil {
		items = []srs.Item{}
	}
	return items, err
}

func exportItems(items []srs.Item) []export.Card {
	cards := make([]export.Card, len(items))
	for i, it := range items {
		cards[i] = export.Card{Card: it.Card, Deck: it.Deck, Leech: it.State.Leech}
	}
	return cards
}

func noCards(cmd *cli.Command) error {
	return exit.WithHint(fmt.Errorf("%s: no cards to export", verb(cmd)),
		"check --deck, --tag and --section; 'spaced decks' lists the decks")
}
