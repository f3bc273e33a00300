package main

import (
	"fmt"

	"github.com/urfave/cli/v3"

	"spaced/deck"
	"spaced/export"
)

func (a *app) exportCommand() *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write decks as an Anki CSV file or a printable PDF",
		Commands: []*cli.Command{
			a.exportAnkiCommand(),
			a.exportPDFCommand(),
		},
	}
}

// exportCards returns the cards an exporter writes, in deck order, filtered:
// from the SOURCE files when given, else from the collection, else from the
// built-in deck. It fails with a hint when the filter leaves nothing.
func (a *app) exportCards(cmd *cli.Command) ([]export.Card, error) {
	var decks []*deck.Deck
	for _, path := range cmd.Args().Slice() {
		d, err := a.loadDeck(path, "")
		if err != nil {
			return nil, err
		}
		decks = append(decks, d)
	}
	if len(decks) == 0 {
		d, err := a.builtinDeck()
		if err != nil {
			return nil, err
		}
		decks = append(decks, d)
	}
	f := readFilter(cmd)
	var cards []export.Card
	for _, d := range decks {
		for i := range d.Cards {
			if f.Match(d.Name, &d.Cards[i]) {
				cards = append(cards, export.Card{Card: d.Cards[i], Deck: d.Name})
			}
		}
	}
	if len(cards) == 0 {
		return nil, withHint(fmt.Errorf("%s: no cards to export", cmd.FullName()), "check --deck, --tag and --section; 'spaced decks' lists the decks")
	}
	return cards, nil
}

// weakCards returns the cards the collection rates hard, hardest first, for
// export pdf --weak.
func (a *app) weakCards(cmd *cli.Command) ([]export.Card, error) {
	return nil, fmt.Errorf("%s --weak: the collection is not available in this build", cmd.FullName())
}
