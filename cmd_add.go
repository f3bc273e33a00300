package main

import (
	"context"
	"fmt"

	"github.com/urfave/cli/v3"

	"spaced/deck"
)

func (a *app) addCommand() *cli.Command {
	return &cli.Command{
		Name:      "add",
		Usage:     "add chapters or deck files to the collection, or update the decks they give",
		ArgsUsage: "SOURCE...",
		Action:    a.add,
	}
}

// add reads every SOURCE first, so that a bad one adds nothing, then syncs
// each deck into the collection and prints one line per deck.
func (a *app) add(_ context.Context, cmd *cli.Command) error {
	paths := cmd.Args().Slice()
	if len(paths) == 0 {
		return misusef("add: no SOURCE given")
	}
	var decks []*deck.Deck
	from := make(map[string]string)
	for _, p := range paths {
		d, err := a.loadDeck(p, "")
		if err != nil {
			return fmt.Errorf("add %s: %w", p, err)
		}
		if q, ok := from[d.Name]; ok {
			return withHint(fmt.Errorf("add: %s and %s both give the deck %q", q, p, d.Name),
				"give one of them another name with 'spaced compile SOURCE --name NAME -o FILE.deck.md' and add that file")
		}
		from[d.Name] = p
		decks = append(decks, d)
	}
	s, err := a.openStore(cmd, true)
	if err != nil {
		return fmt.Errorf("add: %w", err)
	}
	defer s.Close()
	for _, d := range decks {
		r, err := s.Sync(d, a.now())
		if err != nil {
			return fmt.Errorf("add %s: %w", from[d.Name], err)
		}
		fmt.Fprintf(a.stdout, "%s: %d new, %d updated, %d unchanged, %d retired\n", r.Deck, r.New, r.Updated, r.Unchanged, r.Retired)
	}
	return nil
}
