package srs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
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
