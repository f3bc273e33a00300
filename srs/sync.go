package srs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"spaced/deck"
)

// SyncResult counts what Sync did to the cards of one deck.
type SyncResult struct {
	Deck      string // the deck's name
	New       int    // cards added, as new cards
	Updated   int    // cards whose text, kind, section or tags changed, or that came back from retirement
	Unchanged int    // cards already there as they are
	Retired   int    // cards no longer in the deck, now retired
}

// Sync makes the collection's deck of d's name hold d's cards, in one
// transaction, at the instant at.
//
// First the cards of d take the IDs of their counterparts in the collection's
// deck of the same name, retired cards included (deck.KeepIDs); d's IDs are
// changed in place. Then a card with a new ID is added as a new card, a card
// already there keeps its review state and history and gets d's text, and a
// retired card that is back is un-retired with its history. Cards of the deck
// that d no longer has are retired: out of every queue, their history kept.
// Syncing the same deck twice changes nothing the second time.
//
// An ID already held by a card of another deck is an error, and nothing is
// written. When ctx is done before the transaction commits, nothing is
// written and the error is ctx's.
func (s *Store) Sync(ctx context.Context, d *deck.Deck, at time.Time) (SyncResult, error) {
	res := SyncResult{Deck: d.Name}
	if d.Name == "" {
		return res, errors.New("deck has no name")
	}
	err := s.write(ctx, "sync", func(tx *sql.Tx) error { return s.sync(ctx, tx, d, at, &res) })
	return res, err
}

// SyncIfEmpty is Sync when the collection has no deck, checked in the same
// transaction, so that of several processes starting on a new collection
// only one adds d. It reports whether it synced.
func (s *Store) SyncIfEmpty(ctx context.Context, d *deck.Deck, at time.Time) (SyncResult, bool, error) {
	res := SyncResult{Deck: d.Name}
	if d.Name == "" {
		return res, false, errors.New("deck has no name")
	}
	synced := false
	err := s.write(ctx, "sync", func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM decks)`).Scan(&n); err != nil || n > 0 {
			return err
		}
		synced = true
		return s.sync(ctx, tx, d, at, &res)
	})
	return res, synced, err
}

// sync is Sync inside the transaction tx.
func (s *Store) sync(ctx context.Context, tx *sql.Tx, d *deck.Deck, at time.Time, res *SyncResult) error {
	{
		var deckID int64
		var title, source string
		err := tx.QueryRowContext(ctx, `SELECT id, title, source FROM decks WHERE name = ?`, d.Name).Scan(&deckID, &title, &source)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			r, err := tx.ExecContext(ctx, `INSERT INTO decks (name, title, source, added_at) VALUES (?, ?, ?, ?)`,
				d.Name, d.Title, d.Source, at.Unix())
			if err != nil {
				return err
			}
			if deckID, err = r.LastInsertId(); err != nil {
				return err
			}
		case err != nil:
			return err
		case title != d.Title || source != d.Source:
			if _, err := tx.ExecContext(ctx, `UPDATE decks SET title = ?, source = ? WHERE id = ?`, d.Title, d.Source, deckID); err != nil {
				return err
			}
		}

		type oldCard struct {
			card     deck.Card
			position int
			retired  bool
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, kind, front, back, section, tags, line, position, retired
			FROM cards WHERE deck_id = ? ORDER BY line, position`, deckID)
		if err != nil {
			return err
		}
		var olds []oldCard
		for rows.Next() {
			var o oldCard
			var tags string
			if err := rows.Scan(&o.card.ID, &o.card.Kind, &o.card.Front, &o.card.Back, &o.card.Section, &tags, &o.card.Line, &o.position, &o.retired); err != nil {
				rows.Close()
				return err
			}
			o.card.Tags = splitTags(tags)
			olds = append(olds, o)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}

		oldCards := make([]deck.Card, len(olds))
		byID := make(map[string]*oldCard, len(olds))
		for i := range olds {
			oldCards[i] = olds[i].card
			byID[olds[i].card.ID] = &olds[i]
		}
		d.KeepIDs(oldCards)

		insert, err := tx.PrepareContext(ctx, `INSERT INTO cards (id, deck_id, kind, front, back, section, tags, line, position)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer insert.Close()
		update, err := tx.PrepareContext(ctx, `UPDATE cards SET kind = ?, front = ?, back = ?, section = ?, tags = ?,
			line = ?, position = ?, retired = 0 WHERE id = ?`)
		if err != nil {
			return err
		}
		defer update.Close()
		other, err := tx.PrepareContext(ctx, `SELECT d.name FROM cards c JOIN decks d ON d.id = c.deck_id WHERE c.id = ?`)
		if err != nil {
			return err
		}
		defer other.Close()

		kept := make(map[string]bool, len(d.Cards))
		for i := range d.Cards {
			c := &d.Cards[i]
			kept[c.ID] = true
			tags := joinTags(c.Tags)
			o, ok := byID[c.ID]
			if !ok {
				var name string
				if err := other.QueryRowContext(ctx, c.ID).Scan(&name); err == nil {
					return fmt.Errorf("card %s of deck %q: the ID already belongs to a card of deck %q", c.ID, d.Name, name)
				} else if !errors.Is(err, sql.ErrNoRows) {
					return err
				}
				if _, err := insert.ExecContext(ctx, c.ID, deckID, string(c.Kind), c.Front, c.Back, c.Section, tags, c.Line, i); err != nil {
					return err
				}
				res.New++
				continue
			}
			changed := o.retired || o.card.Kind != c.Kind || o.card.Front != c.Front || o.card.Back != c.Back ||
				o.card.Section != c.Section || !slices.Equal(o.card.Tags, splitTags(tags))
			if changed || o.card.Line != c.Line || o.position != i {
				if _, err := update.ExecContext(ctx, string(c.Kind), c.Front, c.Back, c.Section, tags, c.Line, i, c.ID); err != nil {
					return err
				}
			}
			if changed {
				res.Updated++
			} else {
				res.Unchanged++
			}
		}
		for _, o := range olds {
			if o.retired || kept[o.card.ID] {
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE cards SET retired = 1 WHERE id = ?`, o.card.ID); err != nil {
				return err
			}
			res.Retired++
		}
		return nil
	}
}

// DeckInfo describes a deck of the collection. Counts are of its cards: New
// never reviewed, Due due on or before the study day asked for (not new),
// Retired removed from the source, Leech flagged leeches; Cards counts the
// cards that are not retired.
type DeckInfo struct {
	Name, Title, Source string
	Cards, New, Due     int
	Retired, Leech      int
}

// Decks returns the decks of the collection in the order they were added,
// with their counts on study day day.
func (s *Store) Decks(day Day) ([]DeckInfo, error) {
	rows, err := s.db.Query(`SELECT d.name, d.title, d.source,
		COALESCE(SUM(c.retired = 0), 0),
		COALESCE(SUM(c.retired = 0 AND c.due IS NULL), 0),
		COALESCE(SUM(c.retired = 0 AND c.due <= ?), 0),
		COALESCE(SUM(c.retired), 0),
		COALESCE(SUM(c.retired = 0 AND c.leech), 0)
		FROM decks d LEFT JOIN cards c ON c.deck_id = d.id
		GROUP BY d.id ORDER BY d.id`, day.String())
	if err != nil {
		return nil, s.openError(err)
	}
	defer rows.Close()
	var out []DeckInfo
	for rows.Next() {
		var di DeckInfo
		if err := rows.Scan(&di.Name, &di.Title, &di.Source, &di.Cards, &di.New, &di.Due, &di.Retired, &di.Leech); err != nil {
			return nil, err
		}
		out = append(out, di)
	}
	return out, rows.Err()
}

// Empty reports whether the collection has no deck.
func (s *Store) Empty() (bool, error) {
	var n int
	if err := s.db.QueryRow(`SELECT EXISTS (SELECT 1 FROM decks)`).Scan(&n); err != nil {
		return false, s.openError(err)
	}
	return n == 0, nil
}
