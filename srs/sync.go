package srs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"spaced/deck"
	"spaced/internal/sqlbatch"
)

// SyncResult counts what Sync did to the cards of one deck.
type SyncResult struct {
	Deck      string // the deck's name
	New       int    // cards added, as new cards
	Updated   int    // cards whose text, kind, section or tags changed, or that came back from retirement
	Unchanged int    // cards already there as they are
	Retired   int    // cards no longer in the deck, now retired
	// Replaced lists the cards edited in the collection (Edit) whose text
	// the deck changed: the deck's text replaced the edit.
	Replaced []string
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
	m, err := s.match(ctx, d)
	if err != nil {
		return res, s.ctxError(ctx, s.classify(err))
	}
	if hookAfterMatch != nil {
		hookAfterMatch()
	}
	err = s.write(ctx, "sync", func(tx *sql.Tx) error { return s.sync(ctx, tx, d, m, at, &res) })
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
	m := &matching{ids: cardIDs(d)}
	synced := false
	err := s.write(ctx, "sync", func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM decks)`).Scan(&n); err != nil || n > 0 {
			return err
		}
		synced = true
		return s.sync(ctx, tx, d, m, at, &res)
	})
	return res, synced, err
}

// hookAfterMatch, when set (by tests), runs in Sync between the matching
// and the write transaction.
var hookAfterMatch func()

// oldCard is a card of the collection's deck that a sync replaces.
type oldCard struct {
	card     deck.Card // with the text its source gave, when edited
	position int
	retired  bool
	edited   bool // its front and back were edited in the collection
	kept     bool // the deck has it still (set by sync)
}

// matching is the IDs of a deck matched to the cards of its deck in the
// collection (deck.KeepIDs): the old cards it was made against and the
// deck's IDs before it.
type matching struct {
	olds []oldCard
	ids  []string // the deck's own IDs, before KeepIDs
}

// match matches the IDs of d to its deck in the collection, read outside
// any write transaction: matching a large, much edited deck takes time, and
// no other command should wait for it. sync checks that the deck did not
// change meanwhile.
func (s *Store) match(ctx context.Context, d *deck.Deck) (*matching, error) {
	m := &matching{ids: cardIDs(d)}
	_, olds, err := s.oldCards(ctx, s.db, d.Name)
	if err != nil {
		return nil, err
	}
	m.olds = olds
	d.KeepIDs(cardsOf(olds))
	return m, nil
}

// cardIDs returns the IDs of d's cards.
func cardIDs(d *deck.Deck) []string {
	ids := make([]string, len(d.Cards))
	for i := range d.Cards {
		ids[i] = d.Cards[i].ID
	}
	return ids
}

func cardsOf(olds []oldCard) []deck.Card {
	cs := make([]deck.Card, len(olds))
	for i := range olds {
		cs[i] = olds[i].card
	}
	return cs
}

// oldCards reads the cards of the deck named name, in line order, and the
// deck's ID (0 when there is no such deck).
func (s *Store) oldCards(ctx context.Context, q querier, name string) (int64, []oldCard, error) {
	var deckID int64
	err := q.QueryRowContext(ctx, `SELECT id FROM decks WHERE name = ?`, name).Scan(&deckID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil, nil
	}
	if err != nil {
		return 0, nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT id, kind, COALESCE(source_front, front), COALESCE(source_back, back),
		section, tags, line, position, retired, source_front IS NOT NULL,
		COALESCE(note, ''), cloze, COALESCE(text, ''), reverse
		FROM cards WHERE deck_id = ? ORDER BY line, position`, deckID)
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	var olds []oldCard
	for rows.Next() {
		var o oldCard
		var tags string
		if err := rows.Scan(&o.card.ID, &o.card.Kind, &o.card.Front, &o.card.Back, &o.card.Section, &tags, &o.card.Line, &o.position, &o.retired, &o.edited,
			&o.card.Note, &o.card.Cloze, &o.card.Text, &o.card.Reverse); err != nil {
			return 0, nil, err
		}
		o.card.Tags = splitTags(tags)
		olds = append(olds, o)
	}
	return deckID, olds, rows.Err()
}

// sameOld reports whether a and b are the same old cards, in order.
func sameOld(a, b []oldCard) bool {
	return slices.EqualFunc(a, b, func(x, y oldCard) bool {
		return x.position == y.position && x.retired == y.retired && x.edited == y.edited && x.card.ID == y.card.ID && x.card.Kind == y.card.Kind &&
			x.card.Front == y.card.Front && x.card.Back == y.card.Back && x.card.Section == y.card.Section &&
			x.card.Line == y.card.Line && slices.Equal(x.card.Tags, y.card.Tags) &&
			x.card.Note == y.card.Note && x.card.Cloze == y.card.Cloze && x.card.Text == y.card.Text && x.card.Reverse == y.card.Reverse
	})
}

// sync is Sync inside the transaction tx, with d's IDs matched as m says.
// When the deck changed since m was made (another add of the same deck in
// between), d is matched again here.
func (s *Store) sync(ctx context.Context, tx *sql.Tx, d *deck.Deck, m *matching, at time.Time, res *SyncResult) error {
	deckID, olds, err := s.oldCards(ctx, tx, d.Name)
	if err != nil {
		return err
	}
	if !sameOld(olds, m.olds) {
		for i := range d.Cards {
			d.Cards[i].ID = m.ids[i]
		}
		d.KeepIDs(cardsOf(olds))
		m.olds = olds
	}
	if deckID == 0 {
		r, err := tx.ExecContext(ctx, `INSERT INTO decks (name, title, source, added_at) VALUES (?, ?, ?, ?)`,
			d.Name, d.Title, d.Source, at.Unix())
		if err != nil {
			return err
		}
		if deckID, err = r.LastInsertId(); err != nil {
			return err
		}
	} else if _, err := tx.ExecContext(ctx, `UPDATE decks SET title = ?, source = ? WHERE id = ? AND (title != ? OR source != ?)`,
		d.Title, d.Source, deckID, d.Title, d.Source); err != nil {
		return err
	}
	byID := make(map[string]*oldCard, len(olds))
	for i := range olds {
		byID[olds[i].card.ID] = &olds[i]
	}
	rebuild, err := deferIndexes(ctx, tx, len(d.Cards)-len(olds))
	if err != nil {
		return err
	}
	insert, err := sqlbatch.New(ctx, tx, `INSERT INTO cards (id, deck_id, kind, front, back, section, tags, line, position,
		note, cloze, text, reverse) VALUES `, `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer insert.Close()
	update, err := tx.PrepareContext(ctx, `UPDATE cards SET kind = ?, front = ?, back = ?, section = ?, tags = ?,
		line = ?, position = ?, retired = 0, source_front = NULL, source_back = NULL,
		note = ?, cloze = ?, text = ?, reverse = ? WHERE id = ?`)
	if err != nil {
		return err
	}
	defer update.Close()
	// The same but for the text, which an edit in the collection keeps.
	updateMeta, err := tx.PrepareContext(ctx, `UPDATE cards SET kind = ?, section = ?, tags = ?,
		line = ?, position = ?, retired = 0, note = ?, cloze = ?, text = ?, reverse = ? WHERE id = ?`)
	if err != nil {
		return err
	}
	defer updateMeta.Close()
	var pending []string // the IDs of the rows insert holds
	inserted := func(err error) error {
		if err != nil {
			return takenID(ctx, tx, d.Name, pending, err)
		}
		if insert.Len() == 0 {
			pending = pending[:0]
		}
		return nil
	}

	for i := range d.Cards {
		c := &d.Cards[i]
		tags := joinTags(c.Tags)
		o, ok := byID[c.ID]
		if !ok {
			pending = append(pending, c.ID)
			if err := inserted(insert.Add(c.ID, deckID, string(c.Kind), c.Front, c.Back, c.Section, tags, c.Line, i,
				nullText(c.Note), c.Cloze, nullText(c.Text), boolInt(c.Reverse))); err != nil {
				return err
			}
			res.New++
			continue
		}
		o.kept = true
		text := o.card.Front != c.Front || o.card.Back != c.Back
		changed := text || o.retired || o.card.Kind != c.Kind || o.card.Section != c.Section || !slices.Equal(o.card.Tags, splitTags(tags)) ||
			o.card.Note != c.Note || o.card.Cloze != c.Cloze || o.card.Text != c.Text || o.card.Reverse != c.Reverse
		switch {
		case text:
			if _, err := update.ExecContext(ctx, string(c.Kind), c.Front, c.Back, c.Section, tags, c.Line, i,
				nullText(c.Note), c.Cloze, nullText(c.Text), boolInt(c.Reverse), c.ID); err != nil {
				return err
			}
			if o.edited {
				res.Replaced = append(res.Replaced, c.ID)
			}
		case changed || o.card.Line != c.Line || o.position != i:
			if _, err := updateMeta.ExecContext(ctx, string(c.Kind), c.Section, tags, c.Line, i,
				nullText(c.Note), c.Cloze, nullText(c.Text), boolInt(c.Reverse), c.ID); err != nil {
				return err
			}
		}
		if changed {
			res.Updated++
		} else {
			res.Unchanged++
		}
	}
	if err := inserted(insert.Flush()); err != nil {
		return err
	}
	for _, o := range olds {
		if o.retired || o.kept {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE cards SET retired = 1 WHERE id = ?`, o.card.ID); err != nil {
			return err
		}
		res.Retired++
	}
	return rebuild()
}

// takenID returns the error of a batch of new cards of deck name, their
// IDs ids, refused with err: the primary key refuses an ID another deck
// holds, and only then is that deck looked up, to name it with the card.
func takenID(ctx context.Context, tx *sql.Tx, name string, ids []string, err error) error {
	if !strings.Contains(err.Error(), "UNIQUE") {
		return err
	}
	for _, id := range ids {
		var other string
		if tx.QueryRowContext(ctx, `SELECT d.name FROM cards c JOIN decks d ON d.id = c.deck_id WHERE c.id = ?`, id).Scan(&other) == nil {
			return fmt.Errorf("card %s of deck %q: the ID already belongs to a card of deck %q", id, name, other)
		}
	}
	return err
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

// nullText is s for SQL, NULL when empty.
func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}
