package srs

import (
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"spaced/deck"
)

// Errors about card IDs.
var (
	// ErrNoSuchCard: no card has the ID or prefix given.
	ErrNoSuchCard = errors.New("no such card")
	// ErrAmbiguous: more than one card starts with the prefix given.
	ErrAmbiguous = errors.New("ambiguous card ID")
)

// Item is a card of the collection with its deck's name and review state.
type Item struct {
	Card    deck.Card
	Deck    string
	State   State
	Retired bool
	// Suspended keeps the card out of every queue until unsuspended.
	Suspended bool
	// BuriedUntil, when not zero, keeps the card out of the queue of every
	// study day before it.
	BuriedUntil Day
	// Edited says the card's front and back were changed in the
	// collection (Edit) since its source last gave them.
	Edited bool
	// Source is the source of the card's deck, as it was added: the paths
	// of the card's images are relative to its folder.
	Source string
	// GUID is the Anki GUID of the card's note when it was imported from
	// a note made in Anki; "" when the note's ID is its GUID.
	GUID string
}

// itemColumns are the columns scanItem reads, from cards c joined with decks d.
const itemColumns = `c.id, d.name, c.kind, c.front, c.back, c.section, c.tags, c.line, c.retired,
	c.repetitions, c.ef, c.interval, c.lapses, c.due, c.last_day, c.leech,
	c.suspended, c.buried_until, c.source_front IS NOT NULL,
	COALESCE(c.note, ''), c.cloze, COALESCE(c.text, ''), c.reverse, d.source, COALESCE(c.guid, '')`

// deckOrder orders cards c in deck order: the order decks were added, then
// source line.
const deckOrder = `c.deck_id, c.line, c.position`

type scanner interface{ Scan(dest ...any) error }

func scanItem(r scanner) (Item, error) {
	var it Item
	var tags string
	var due, last, buried sql.NullString
	err := r.Scan(&it.Card.ID, &it.Deck, &it.Card.Kind, &it.Card.Front, &it.Card.Back, &it.Card.Section, &tags,
		&it.Card.Line, &it.Retired, &it.State.Repetitions, &it.State.EF, &it.State.Interval, &it.State.Lapses,
		&due, &last, &it.State.Leech, &it.Suspended, &buried, &it.Edited,
		&it.Card.Note, &it.Card.Cloze, &it.Card.Text, &it.Card.Reverse, &it.Source, &it.GUID)
	it.Card.Tags = splitTags(tags)
	it.State.Due, it.State.Last, it.BuriedUntil = scanDay(due), scanDay(last), scanDay(buried)
	return it, err
}

// items returns the cards that pass f and the SQL condition where (on cards
// c and decks d), in the order order, scanning until stop, when not nil,
// returns true. f is applied exactly in Go; a cheaper condition that every
// match passes narrows the query first.
func (s *Store) items(f deck.Filter, stop func(n int) bool, where, order string, args ...any) ([]Item, error) {
	pre, preArgs, err := s.prefilter(f)
	if err != nil {
		return nil, err
	}
	args = append(args, preArgs...)
	var out []Item
	if stop == nil {
		// One allocation of the rows the query can give: an Item is large,
		// and growing a slice of 100,000 of them costs more than a count.
		var n int
		if err := s.db.QueryRow(`SELECT count(*) FROM cards c JOIN decks d ON d.id = c.deck_id WHERE (`+where+`) AND `+pre, args...).Scan(&n); err != nil {
			return nil, s.openError(err)
		}
		out = make([]Item, 0, n)
	}
	rows, err := s.db.Query(`SELECT `+itemColumns+` FROM cards c JOIN decks d ON d.id = c.deck_id
		WHERE (`+where+`) AND `+pre+` ORDER BY `+order, args...)
	if err != nil {
		return nil, s.openError(err)
	}
	defer rows.Close()
	for rows.Next() {
		if stop != nil && stop(len(out)) {
			break
		}
		it, err := scanItem(rows)
		if err != nil {
			return nil, s.openError(err)
		}
		if f.Match(it.Deck, &it.Card) {
			out = append(out, it)
		}
	}
	return out, s.classify(rows.Err())
}

// prefilter returns an SQL condition on cards c that every card passing f
// meets: its deck among those f selects, and, for ASCII text, its section
// and tags containing f's text in any case.
func (s *Store) prefilter(f deck.Filter) (string, []any, error) {
	conds := []string{"1"}
	var args []any
	if f.Deck != "" {
		rows, err := s.db.Query(`SELECT id, name FROM decks`)
		if err != nil {
			return "", nil, s.openError(err)
		}
		ids := []string{"0"}
		for rows.Next() {
			var id int64
			var name string
			if err := rows.Scan(&id, &name); err != nil {
				rows.Close()
				return "", nil, err
			}
			if (deck.Filter{Deck: f.Deck}).Match(name, &deck.Card{}) {
				ids = append(ids, strconv.FormatInt(id, 10))
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return "", nil, s.classify(err)
		}
		conds = append(conds, `c.deck_id IN (`+strings.Join(ids, ", ")+`)`)
	}
	if f.Section != "" && isASCII(f.Section) {
		conds = append(conds, `instr(lower(c.section), ?) > 0`)
		args = append(args, strings.ToLower(f.Section))
	}
	if f.Tag != "" && isASCII(f.Tag) {
		conds = append(conds, `instr(' ' || lower(c.tags), ?) > 0`)
		args = append(args, " "+strings.ToLower(f.Tag))
	}
	return strings.Join(conds, " AND "), args, nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// Cards returns the cards that pass f in deck order (the order decks were
// added, then source line): the active ones, then, when retired is true, the
// retired ones.
func (s *Store) Cards(f deck.Filter, retired bool) ([]Item, error) {
	where := `c.retired = 0`
	if retired {
		where = `1`
	}
	return s.items(f, nil, where, `c.retired, `+deckOrder)
}

// Resolve returns the full ID of the one card whose ID is id or starts with
// it (ignoring case), retired cards included. It fails with ErrNoSuchCard, or
// with ErrAmbiguous naming some of the candidates.
func (s *Store) Resolve(id string) (string, error) {
	p := strings.ToLower(strings.TrimSpace(id))
	if p == "" || strings.ContainsFunc(p, func(r rune) bool { return !('0' <= r && r <= '9' || 'a' <= r && r <= 'z') }) {
		return "", ErrNoSuchCard
	}
	rows, err := s.db.Query(`SELECT id FROM cards WHERE id >= ? AND id < ? ORDER BY id LIMIT 4`, p, p+"~")
	if err != nil {
		return "", s.openError(err)
	}
	var ids []string
	for rows.Next() {
		var x string
		if err := rows.Scan(&x); err != nil {
			rows.Close()
			return "", err
		}
		ids = append(ids, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return "", err
	}
	switch {
	case len(ids) == 0:
		return "", ErrNoSuchCard
	case len(ids) == 1 || ids[0] == p:
		return ids[0], nil
	}
	more := ""
	if len(ids) > 3 {
		ids, more = ids[:3], ", …"
	}
	return "", fmt.Errorf("%w: %s%s", ErrAmbiguous, strings.Join(ids, ", "), more)
}

// Item returns the card with the ID or unique prefix id (see Resolve).
func (s *Store) Item(id string) (Item, error) {
	full, err := s.Resolve(id)
	if err != nil {
		return Item{}, err
	}
	return s.item(s.db, full)
}

func (s *Store) item(q interface {
	QueryRow(query string, args ...any) *sql.Row
}, id string) (Item, error) {
	it, err := scanItem(q.QueryRow(`SELECT `+itemColumns+` FROM cards c JOIN decks d ON d.id = c.deck_id WHERE c.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return it, ErrNoSuchCard
	}
	return it, s.classify(err)
}

// Review is one grade of a card's history.
type Review struct {
	ID      int64     // log row id
	CardID  string    // the card's ID
	At      time.Time // the instant, UTC
	Day     Day       // the study day
	Quality int       // 0–5
	Drill   bool      // a drill grade, which changed no schedule
	// Imported marks a review another program recorded (Import): its
	// states are that program's, and undo never takes it back.
	Imported bool
	Before   State // the card's state before
	After    State // and after (equal to Before for a drill grade)
}

// History returns the grades of card id (a full ID) that were not undone,
// oldest first.
func (s *Store) History(id string) ([]Review, error) {
	return s.reviews(`l.card_id = ?`, id)
}

// reviews returns the review and drill rows of the log that were not undone
// and match where (a condition on log l), in log order.
func (s *Store) reviews(where string, args ...any) ([]Review, error) {
	return s.reviewsTx(s.db, where+` ORDER BY l.id`, args...)
}

// reviewsTx is reviews on q, with the ORDER BY part of where.
func (s *Store) reviewsTx(q interface {
	Query(query string, args ...any) (*sql.Rows, error)
}, where string, args ...any) ([]Review, error) {
	out, err := s.scanReviews(q, where, args...)
	return out, s.classify(err)
}

func (s *Store) scanReviews(q interface {
	Query(query string, args ...any) (*sql.Rows, error)
}, where string, args ...any) ([]Review, error) {
	rows, err := q.Query(`SELECT l.id, l.card_id, l.at, l.day, l.quality, l.kind, l.imported,
		l.b_repetitions, l.b_ef, l.b_interval, l.b_lapses, l.b_due, l.b_last_day, l.b_leech,
		l.a_repetitions, l.a_ef, l.a_interval, l.a_lapses, l.a_due, l.a_last_day, l.a_leech
		FROM log l
		WHERE l.kind IN ('review', 'drill') AND NOT EXISTS (SELECT 1 FROM log u WHERE u.undoes = l.id)
		AND `+where, args...)
	if err != nil {
		return nil, s.openError(err)
	}
	defer rows.Close()
	var out []Review
	for rows.Next() {
		var r Review
		var at int64
		var day, kind string
		var bd, bl, ad, al sql.NullString
		if err := rows.Scan(&r.ID, &r.CardID, &at, &day, &r.Quality, &kind, &r.Imported,
			&r.Before.Repetitions, &r.Before.EF, &r.Before.Interval, &r.Before.Lapses, &bd, &bl, &r.Before.Leech,
			&r.After.Repetitions, &r.After.EF, &r.After.Interval, &r.After.Lapses, &ad, &al, &r.After.Leech); err != nil {
			return nil, err
		}
		r.At = time.Unix(at, 0).UTC()
		r.Day, _ = ParseDay(day)
		r.Drill = kind == "drill"
		r.Before.Due, r.Before.Last = scanDay(bd), scanDay(bl)
		r.After.Due, r.After.Last = scanDay(ad), scanDay(al)
		out = append(out, r)
	}
	return out, rows.Err()
}

// Weak returns the active cards that pass f and that the collection rates
// hard on study day day: an E-Factor below 2.00, a lapse in the 30 study days
// ending on day, or a leech. Hardest first: leeches, then by E-Factor from
// the lowest, then by lapses from the most, then in deck order.
func (s *Store) Weak(f deck.Filter, day Day) ([]Item, error) {
	lapses, err := s.reviews(`l.kind = 'review' AND l.quality < ? AND l.day > ?`, PassQuality, day.Add(-30).String())
	if err != nil {
		return nil, err
	}
	recent := make(map[string]bool)
	for _, r := range lapses {
		recent[r.CardID] = true
	}
	all, err := s.Cards(f, false)
	if err != nil {
		return nil, err
	}
	var weak []Item
	for _, it := range all {
		if it.State.EF < 200 || it.State.Leech || recent[it.Card.ID] {
			weak = append(weak, it)
		}
	}
	sort.SliceStable(weak, func(i, j int) bool {
		a, b := weak[i].State, weak[j].State
		switch {
		case a.Leech != b.Leech:
			return a.Leech
		case a.EF != b.EF:
			return a.EF < b.EF
		}
		return a.Lapses > b.Lapses
	})
	return weak, nil
}

// Reviews returns every SM-2 review of the log that was not undone (no
// drill grade), in log order.
func (s *Store) Reviews() ([]Review, error) {
	return s.reviews(`l.kind = 'review'`)
}
