package srs

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"spaced/deck"
)

// ImportDeck is a deck another program gives the collection (Import).
type ImportDeck struct {
	Name, Title, Source string
	Cards               []ImportCard
}

// ImportCard is a card another program gives the collection, with what
// that program knows of its schedule.
type ImportCard struct {
	// Card is the card: its ID (the same in every import of the same
	// file), kind, text, note links; Line is its position in the file.
	Card deck.Card
	// GUID is the Anki GUID of the card's note, when it is not the note's
	// ID (a note made in Anki); "" otherwise.
	GUID string
	// Mod is when the note was last changed in the file (unix seconds; 0
	// unknown): an import of an older version leaves the card as it is.
	Mod         int64
	State       State // NewState() for a card never reviewed
	Suspended   bool
	BuriedUntil Day
	History     []ImportReview // oldest first
}

// ImportReview is a review of a card's history in another program: its
// instant and study day, the quality its answer button maps to, and the
// card's state before and after it as that program scheduled it.
type ImportReview struct {
	At            time.Time
	Day           Day
	Quality       int
	Before, After State
}

// ImportResult counts what Import did: cards added, cards whose text or
// place changed, cards as they were, and reviews added to the log.
type ImportResult struct {
	New, Updated, Unchanged, Reviews int
}

// Import adds decks to the collection in one transaction: a deck that is
// missing is created, a card whose ID is missing is added with its state,
// suspension, burial and history (review rows marked imported), and a card
// the collection holds, in any deck, keeps its deck, state and history
// and takes the text, kind, section, tags and note of the import (it is no
// longer retired; a card of a note stays one), unless the import's note is
// older than the one it came from (Mod), which leaves it as it is. Import
// never retires or deletes a card, so importing the same decks again
// changes nothing. at is the instant of a new deck.
func (s *Store) Import(ctx context.Context, decks []ImportDeck, at time.Time) (ImportResult, error) {
	var res ImportResult
	err := s.write(ctx, "import", func(tx *sql.Tx) error {
		res = ImportResult{}
		iw, err := newImportWriter(ctx, tx)
		if err != nil {
			return err
		}
		defer iw.close()
		for i := range decks {
			if err := iw.deck(&decks[i], at, &res); err != nil {
				return err
			}
		}
		return nil
	})
	return res, err
}

// importWriter holds the statements of an import.
type importWriter struct {
	ctx                          context.Context
	tx                           *sql.Tx
	insert, update, link, review *sql.Stmt
}

func newImportWriter(ctx context.Context, tx *sql.Tx) (*importWriter, error) {
	iw := &importWriter{ctx: ctx, tx: tx}
	var err error
	for _, p := range []struct {
		stmt **sql.Stmt
		sql  string
	}{
		{&iw.insert, `INSERT INTO cards (id, deck_id, kind, front, back, section, tags, line, position,
			note, cloze, text, reverse, guid, repetitions, ef, interval, lapses, due, last_day, leech, suspended, buried_until, anki_mod)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`},
		// A note link is never taken away: the other cards of the note stay
		// (an import retires none), and a note of one card in this import
		// is the same note.
		// A note changed before the version the card came from is older:
		// it changes nothing.
		{&iw.update, `UPDATE cards SET kind = ?1, front = ?2, back = ?3, section = ?4, tags = ?5, note = COALESCE(?6, note),
			cloze = ?7, text = ?8, reverse = ?9, guid = ?10, retired = 0, source_front = NULL, source_back = NULL,
			anki_mod = COALESCE(?12, anki_mod)
			WHERE id = ?11 AND (?12 IS NULL OR anki_mod IS NULL OR anki_mod <= ?12)
			AND (kind != ?1 OR front != ?2 OR back != ?3 OR section != ?4 OR tags != ?5
			OR ?6 IS NOT NULL AND note IS NOT ?6 OR cloze != ?7 OR text IS NOT ?8 OR reverse != ?9 OR guid IS NOT ?10
			OR retired != 0 OR source_front IS NOT NULL)`},
		// The note link of a card whose note is older: the card still
		// belongs to the note.
		{&iw.link, `UPDATE cards SET note = ?1 WHERE id = ?2 AND note IS NULL`},
		{&iw.review, `INSERT INTO log (card_id, at, day, kind, quality, imported,
			b_repetitions, b_ef, b_interval, b_lapses, b_due, b_last_day, b_leech,
			a_repetitions, a_ef, a_interval, a_lapses, a_due, a_last_day, a_leech)
			VALUES (?, ?, ?, 'review', ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
	} {
		if *p.stmt, err = tx.PrepareContext(ctx, p.sql); err != nil {
			iw.close()
			return nil, err
		}
	}
	return iw, nil
}

func (iw *importWriter) close() {
	for _, s := range []*sql.Stmt{iw.insert, iw.update, iw.link, iw.review} {
		if s != nil {
			s.Close()
		}
	}
}

// deck imports d.
func (iw *importWriter) deck(d *ImportDeck, at time.Time, res *ImportResult) error {
	var deckID int64
	var next int
	err := iw.tx.QueryRowContext(iw.ctx, `SELECT d.id, COALESCE(max(c.position) + 1, 0) FROM decks d
		LEFT JOIN cards c ON c.deck_id = d.id WHERE d.name = ? GROUP BY d.id`, d.Name).Scan(&deckID, &next)
	if err == sql.ErrNoRows {
		r, err := iw.tx.ExecContext(iw.ctx, `INSERT INTO decks (name, title, source, added_at) VALUES (?, ?, ?, ?)`,
			d.Name, d.Title, d.Source, at.Unix())
		if err != nil {
			return err
		}
		if deckID, err = r.LastInsertId(); err != nil {
			return err
		}
	} else if err != nil {
		return err
	}
	for i := range d.Cards {
		if i%1024 == 0 && iw.ctx.Err() != nil {
			return context.Cause(iw.ctx)
		}
		if err := iw.card(&d.Cards[i], deckID, next+i, res); err != nil {
			return fmt.Errorf("card %s of deck %q: %w", d.Cards[i].Card.ID, d.Name, err)
		}
	}
	return nil
}

// card imports ic into the deck deckID at position pos.
func (iw *importWriter) card(ic *ImportCard, deckID int64, pos int, res *ImportResult) error {
	c, st := &ic.Card, ic.State
	tags := joinTags(c.Tags)
	r, err := iw.insert.ExecContext(iw.ctx, c.ID, deckID, string(c.Kind), c.Front, c.Back, c.Section, tags, c.Line, pos,
		nullText(c.Note), c.Cloze, nullText(c.Text), boolInt(c.Reverse), nullText(ic.GUID),
		st.Repetitions, st.EF, st.Interval, st.Lapses, dayText(st.Due), dayText(st.Last), boolInt(st.Leech),
		boolInt(ic.Suspended), dayText(ic.BuriedUntil), modOf(ic.Mod))
	if err != nil {
		return err
	}
	if n, err := r.RowsAffected(); err != nil {
		return err
	} else if n == 1 {
		res.New++
		for _, h := range ic.History {
			b, a := h.Before, h.After
			if _, err := iw.review.ExecContext(iw.ctx, c.ID, h.At.Unix(), h.Day.String(), h.Quality,
				b.Repetitions, b.EF, b.Interval, b.Lapses, dayText(b.Due), dayText(b.Last), boolInt(b.Leech),
				a.Repetitions, a.EF, a.Interval, a.Lapses, dayText(a.Due), dayText(a.Last), boolInt(a.Leech)); err != nil {
				return err
			}
			res.Reviews++
		}
		return nil
	}
	r, err = iw.update.ExecContext(iw.ctx, string(c.Kind), c.Front, c.Back, c.Section, tags, nullText(c.Note), c.Cloze,
		nullText(c.Text), boolInt(c.Reverse), nullText(ic.GUID), c.ID, modOf(ic.Mod))
	if err != nil {
		return err
	}
	n, err := r.RowsAffected()
	if err == nil && n == 0 && c.Note != "" {
		if r, err = iw.link.ExecContext(iw.ctx, c.Note, c.ID); err == nil {
			n, err = r.RowsAffected()
		}
	}
	if err != nil {
		return err
	}
	if n == 1 {
		res.Updated++
	} else {
		res.Unchanged++
	}
	return nil
}

// modOf is the anki_mod of a modification time: NULL when unknown.
func modOf(mod int64) any {
	if mod <= 0 {
		return nil
	}
	return mod
}
