package srs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"spaced/deck"
	"strings"
	"time"
)

// ErrNoSuchDeck: no deck of the collection has the name given.
var ErrNoSuchDeck = errors.New("no such deck")

// Suspend suspends the cards with the IDs or unique prefixes ids (on true)
// or unsuspends them (on false), in one transaction: a suspended card is in
// no queue until unsuspended, and keeps its state and history. It returns
// the full IDs, in the order given; an ID that names no card, or more than
// one, fails the whole call, naming it.
func (s *Store) Suspend(ids []string, on bool) ([]string, error) {
	return s.setCards(ids, "suspend", `UPDATE cards SET suspended = ? WHERE id = ?`, boolInt(on))
}

// Bury keeps the cards ids out of the queue of study day day; they come
// back on the next study day. Unsuspend does not unbury, nor the reverse.
func (s *Store) Bury(ids []string, day Day) ([]string, error) {
	return s.setCards(ids, "bury", `UPDATE cards SET buried_until = ? WHERE id = ?`, day.Add(1).String())
}

// setCards resolves ids and runs update, with arg and each full ID, on
// each, in one transaction.
func (s *Store) setCards(ids []string, op, update string, arg any) ([]string, error) {
	full := make([]string, len(ids))
	for i, id := range ids {
		f, err := s.Resolve(id)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", id, err)
		}
		full[i] = f
	}
	err := s.write(context.Background(), op, func(tx *sql.Tx) error {
		for _, id := range full {
			if _, err := tx.Exec(update, arg, id); err != nil {
				return err
			}
		}
		return nil
	})
	return full, err
}

// Edit sets the front and back of card id (an ID or a unique prefix) in
// the collection, keeping its ID, state and history. The text its source
// gave is kept: a later Sync of the source that gives the card the same
// text leaves the edit, one that changes it replaces the edit (and reports
// it in SyncResult.Replaced). It returns the card as edited.
func (s *Store) Edit(id, front, back string) (Item, error) {
	front, back = strings.TrimSpace(front), strings.TrimSpace(back)
	if front == "" || back == "" {
		return Item{}, errors.New("a card needs a front and a back")
	}
	full, err := s.Resolve(id)
	if err != nil {
		return Item{}, err
	}
	var it Item
	err = s.write(context.Background(), "edit", func(tx *sql.Tx) error {
		if _, err := tx.Exec(`UPDATE cards SET source_front = COALESCE(source_front, front),
			source_back = COALESCE(source_back, back), front = ?, back = ? WHERE id = ?`, front, back, full); err != nil {
			return err
		}
		it, err = s.item(tx, full)
		return err
	})
	return it, err
}

// DeleteDeck removes the deck named name from the collection, with its
// cards, retired ones included, and their review log and practice grades,
// in one transaction. It returns how many cards and log rows went. The
// review log is append-only for every other command: its triggers are
// dropped and made again inside the same transaction.
func (s *Store) DeleteDeck(name string) (cards, reviews int, err error) {
	err = s.write(context.Background(), "delete", func(tx *sql.Tx) error {
		var deckID int64
		if err := tx.QueryRow(`SELECT id FROM decks WHERE name = ?`, name).Scan(&deckID); errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%q: %w", name, ErrNoSuchDeck)
		} else if err != nil {
			return err
		}
		if err := tx.QueryRow(`SELECT count(*) FROM cards WHERE deck_id = ?`, deckID).Scan(&cards); err != nil {
			return err
		}
		if err := tx.QueryRow(`SELECT count(*) FROM log WHERE card_id IN (SELECT id FROM cards WHERE deck_id = ?)`, deckID).Scan(&reviews); err != nil {
			return err
		}
		for _, q := range []string{
			`DROP TRIGGER log_append_only_delete`,
			`DELETE FROM log WHERE undoes IN (SELECT l.id FROM log l JOIN cards c ON c.id = l.card_id WHERE c.deck_id = ?)`,
			`DELETE FROM log WHERE card_id IN (SELECT id FROM cards WHERE deck_id = ?)`,
			`DELETE FROM practice WHERE card_id IN (SELECT id FROM cards WHERE deck_id = ?)`,
			`DELETE FROM cards WHERE deck_id = ?`,
			`DELETE FROM decks WHERE id = ?`,
			`CREATE TRIGGER log_append_only_delete BEFORE DELETE ON log
			BEGIN
				SELECT RAISE(ABORT, 'the review log is append-only');
			END`,
		} {
			var args []any
			if strings.Contains(q, "?") {
				args = []any{deckID}
			}
			if _, err := tx.Exec(q, args...); err != nil {
				return err
			}
		}
		return nil
	})
	return cards, reviews, err
}

// Practice logs a practice grade of quality q for card id (a full ID) on
// study day day at the instant at: it changes no schedule and counts
// toward no limit, statistics or replay. It returns the practice row.
func (s *Store) Practice(id string, q int, day Day, at time.Time) (int64, error) {
	if !ValidQuality(q) {
		return 0, ErrQuality
	}
	var rowID int64
	err := s.write(context.Background(), "practice", func(tx *sql.Tx) error {
		r, err := tx.Exec(`INSERT INTO practice (card_id, at, day, quality) VALUES (?, ?, ?, ?)`, id, at.Unix(), day.String(), q)
		if err != nil {
			return err
		}
		rowID, err = r.LastInsertId()
		return err
	})
	return rowID, err
}

// UndoPractice takes back the practice grade of row id.
func (s *Store) UndoPractice(id int64) error {
	return s.write(context.Background(), "practice", func(tx *sql.Tx) error {
		_, err := tx.Exec(`UPDATE practice SET undone = 1 WHERE id = ?`, id)
		return err
	})
}

// PracticeCount returns the practice grades of study day day not taken
// back.
func (s *Store) PracticeCount(day Day) (int, error) {
	var n int
	err := s.db.QueryRow(`SELECT count(*) FROM practice WHERE day = ? AND undone = 0`, day.String()).Scan(&n)
	return n, s.classify(err)
}

// Ahead returns the active cards that pass f and fall due within n study
// days after day (already due ones included), soonest first, for practice
// ahead of an exam.
func (s *Store) Ahead(f deck.Filter, day Day, n int) ([]Item, error) {
	return s.items(f, nil, `c.retired = 0 AND c.suspended = 0 AND c.due IS NOT NULL AND c.due <= ?`,
		`c.due, `+deckOrder, day.Add(n).String())
}

// PracticeCards returns the cards of a practice sitting: the active cards
// that pass f and are not suspended, in deck order; with weak, those the
// collection rates hard on day (Weak); with ahead 0 or more, those due
// within ahead days (Ahead).
func (s *Store) PracticeCards(f deck.Filter, day Day, weak bool, ahead int) ([]Item, error) {
	var items []Item
	var err error
	switch {
	case weak:
		items, err = s.Weak(f, day)
	case ahead >= 0:
		items, err = s.Ahead(f, day, ahead)
	default:
		items, err = s.Cards(f, false)
	}
	cards := items[:0]
	for _, it := range items {
		if !it.Suspended {
			cards = append(cards, it)
		}
	}
	return cards, err
}
