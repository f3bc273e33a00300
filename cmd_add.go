package main

import (
	"context"
	"fmt"

	"github.com/urfave/cli/v3"

	"spaced/deck"
	"spaced/internal/ankicmd"
	"spaced/internal/exit"
	"spaced/output"
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
func (a *app) add(ctx context.Context, cmd *cli.Command) error {
	paths := cmd.Args().Slice()
	if len(paths) == 0 {
		return exit.Misusef("add: no SOURCE given")
	}
	decks, from, err := a.readDecks(ctx, paths)
	if err != nil {
		return err
	}
	s, err := a.OpenStore(cmd, true)
	if err != nil {
		return fmt.Errorf("add: %w", err)
	}
	defer s.Close()
	known, err := s.Decks(0)
	if err != nil {
		return fmt.Errorf("add: %w", err)
	}
	sources := make(map[string]string, len(known))
	for _, k := range known {
		sources[k.Name] = k.Source
	}
	for _, d := range decks {
		r, err := s.Sync(ctx, d, a.Now())
		if err != nil {
			return fmt.Errorf("add %s: %w", from[d.Name], err)
		}
		fmt.Fprintln(a.Stdout, output.Synced(r))
		for _, id := range r.Replaced {
			a.Warnf("%s: card %s was edited in the collection; the source changed it, and its text replaces the edit", from[d.Name], id)
		}
		if old, ok := sources[d.Name]; ok && r.Retired > 0 && old != "" && old != d.Source {
			a.Warnf("%s: the deck %q came from %s before; %d of its cards were retired (undo: add %s again; to keep both, give this one another name with 'spaced compile --name')",
				from[d.Name], d.Name, old, r.Retired, old)
		}
	}
	return nil
}

// readDecks reads the deck of every SOURCE of add, and says which path
// each deck came from. A deck without a name or cards, or two paths that
// give the same deck, are refused.
func (a *app) readDecks(ctx context.Context, paths []string) ([]*deck.Deck, map[string]string, error) {
	var decks []*deck.Deck
	from := make(map[string]string)
	for _, p := range paths {
		if what, ok := ankicmd.Refusal(p); ok {
			return nil, nil, exit.WithHint(fmt.Errorf("add: %s: %s, not a chapter or deck file", p, what),
				"import it with 'spaced import "+p+"'")
		}
		d, err := a.LoadDeck(ctx, p, "")
		if err != nil {
			return nil, nil, fmt.Errorf("add: %w", err)
		}
		switch {
		case d.Name == "":
			return nil, nil, exit.WithHint(fmt.Errorf("add: %s: the deck has no name", p), "give the deck file a \"# NAME\" line under its first line")
		case len(d.Cards) == 0:
			return nil, nil, exit.WithHint(fmt.Errorf("add: %s: the deck has no cards", p), "to retire a whole deck, remove its cards one by one or keep the file as it was")
		}
		if q, ok := from[d.Name]; ok {
			return nil, nil, exit.WithHint(fmt.Errorf("add: %s and %s both give the deck %q", q, p, d.Name),
				"give one of them another name with 'spaced compile SOURCE --name NAME -o FILE.deck.md' and add that file")
		}
		from[d.Name] = p
		decks = append(decks, d)
	}
	return decks, from, nil
}
