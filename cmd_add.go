package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/urfave/cli/v3"

	"spaced/deck"
	"spaced/internal/ankicmd"
	"spaced/internal/collection"
	"spaced/internal/exit"
	"spaced/output"
	"spaced/srs"
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
	p, err := a.CollectionPath(cmd)
	if err != nil {
		return fmt.Errorf("add: %w", err)
	}
	done, err := a.syncDecks(ctx, p, decks)
	for i, r := range done {
		d := decks[i]
		fmt.Fprintln(a.Stdout, output.Synced(r.SyncResult))
		for _, id := range r.Replaced {
			a.Warnf("%s: card %s was edited in the collection; the source changed it, and its text replaces the edit", from[d.Name], id)
		}
		if old := r.oldSource; r.Retired > 0 && old != "" && old != d.Source {
			a.Warnf("%s: the deck %q came from %s before; %d of its cards were retired (undo: add %s again; to keep both, give this one another name with 'spaced compile --name')",
				from[d.Name], d.Name, old, r.Retired, old)
		}
	}
	switch {
	case err != nil && done != nil && len(done) < len(decks):
		return fmt.Errorf("add %s: %w", from[decks[len(done)].Name], err)
	case err != nil:
		return fmt.Errorf("add: %w", err)
	}
	return nil
}

// synced is what add did to one deck, and the source the deck had before
// ("" for a new deck).
type synced struct {
	srs.SyncResult
	oldSource string
}

// syncDecks syncs decks into the collection at p in turn, each in its own
// transaction, and returns what it did to each, up to the first that fails
// (done is not nil once the collection is open). A new collection is made
// as a draft and published once the decks are in it: a large first deck
// goes in without a write-ahead log. A draft that got no deck, or whose
// command was ended by a signal before it said what it added, is discarded.
// When another command made the collection meanwhile, the decks go into
// that one instead: the draft's sync changed no card's ID, as it had no old
// cards to match.
func (a *app) syncDecks(ctx context.Context, p string, decks []*deck.Deck) ([]synced, error) {
	s, draft, err := collection.OpenDraft(p)
	if err != nil {
		return nil, err
	}
	done, err := syncInto(ctx, s, decks, a.Now())
	if draft == nil {
		s.Close()
		return done, err
	}
	if ctx.Err() != nil {
		draft.Discard()
		return nil, context.Cause(ctx)
	}
	if len(done) == 0 {
		draft.Discard()
		return done, err
	}
	perr := draft.Publish()
	if errors.Is(perr, fs.ErrExist) {
		if s, perr = collection.Open(p, true); perr == nil {
			defer s.Close()
			return syncInto(ctx, s, decks, a.Now())
		}
	}
	if perr != nil {
		return nil, perr
	}
	return done, err
}

// syncInto syncs decks into s in turn, at the instant at.
func syncInto(ctx context.Context, s *srs.Store, decks []*deck.Deck, at time.Time) ([]synced, error) {
	known, err := s.Decks(0)
	if err != nil {
		return nil, err
	}
	sources := make(map[string]string, len(known))
	for _, k := range known {
		sources[k.Name] = k.Source
	}
	done := make([]synced, 0, len(decks))
	for _, d := range decks {
		r, err := s.Sync(ctx, d, at)
		if err != nil {
			return done, err
		}
		done = append(done, synced{r, sources[d.Name]})
	}
	return done, nil
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
