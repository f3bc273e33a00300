package srs

import (
	"sort"

	"spaced/deck"
)

// Limits caps the cards of a study day: Review SM-2 reviews of cards due and
// New new cards, both counted from the review log for the whole day (so a
// limit of 30 after 20 new cards gives 10 more). Drill grades count toward
// neither.
type Limits struct {
	New    int
	Review int
}

// DefaultLimits are the limits of a study day unless the user sets others.
var DefaultLimits = Limits{New: 20, Review: 200}

// What a card is in today's queue.
const (
	QueueNew    = "new"    // never reviewed
	QueueReview = "review" // due for an SM-2 review
	QueueDrill  = "drill"  // graded below 4 today, drilled until graded 4 or 5
)

// Queued is a card of today's queue.
type Queued struct {
	Item
	Kind string // QueueNew, QueueReview or QueueDrill
}

// Queue is a study day's queue in order: due reviews (oldest due first, then
// deck order) up to what the review limit leaves, then new cards in deck
// order up to what the new limit leaves, then the drill (cards graded below 4
// today whose last grade today is below 4, in the order of that grade).
// New, Review and Drill count the cards of each kind in Cards.
type Queue struct {
	Cards              []Queued
	New, Review, Drill int
	// Siblings counts the cards left out because a card of their note
	// (a cloze text, a two-way fact) was reviewed today or comes before
	// them: they wait for the next study day, as in Anki.
	Siblings int
}

// DayLog is what the review log says of a study day: SM-2 reviews of new cards
// and of due cards, drill grades, and the cards still to drill, in order.
// Undone grades are left out.
type DayLog struct {
	New, Review, Drills int
	Drill               []string
}

// DayLog returns what the review log says of study day day.
func (s *Store) DayLog(day Day) (DayLog, error) {
	var dl DayLog
	rs, err := s.reviews(`l.day = ? AND l.imported = 0`, day.String())
	if err != nil {
		return dl, err
	}
	type last struct {
		id      int64
		q       int
		studied bool
	}
	cards := make(map[string]*last)
	for _, r := range rs {
		c := cards[r.CardID]
		if c == nil {
			c = &last{}
			cards[r.CardID] = c
		}
		c.id, c.q = r.ID, r.Quality
		switch {
		case r.Drill:
			dl.Drills++
		case r.Before.IsNew():
			dl.New++
			c.studied = true
		default:
			dl.Review++
			c.studied = true
		}
	}
	type drill struct {
		id  string
		row int64
	}
	var ds []drill
	for id, c := range cards {
		if c.studied && c.q < DrillQuality {
			ds = append(ds, drill{id, c.id})
		}
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i].row < ds[j].row })
	for _, d := range ds {
		dl.Drill = append(dl.Drill, d.id)
	}
	return dl, nil
}

// queueable is the SQL condition, on cards c, that a card is neither
// suspended nor buried on the study day given as its one argument.
const queueable = `c.suspended = 0 AND (c.buried_until IS NULL OR c.buried_until <= ?)`

// notesReviewed returns the notes with a card given an SM-2 review on
// study day day (not undone).
func (s *Store) notesReviewed(day Day) (map[string]bool, error) {
	rows, err := s.db.Query(`SELECT DISTINCT c.note FROM log l JOIN cards c ON c.id = l.card_id
		WHERE l.day = ? AND l.kind = 'review' AND l.imported = 0 AND c.note IS NOT NULL
		AND NOT EXISTS (SELECT 1 FROM log u WHERE u.undoes = l.id)`, day.String())
	if err != nil {
		return nil, s.openError(err)
	}
	defer rows.Close()
	notes := make(map[string]bool)
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, s.classify(err)
		}
		notes[n] = true
	}
	return notes, s.classify(rows.Err())
}

// Queueable reports whether the card is neither suspended nor buried on
// study day day.
func (it Item) Queueable(day Day) bool {
	return !it.Suspended && (it.BuriedUntil.IsZero() || it.BuriedUntil <= day)
}

// Queue returns the queue of study day day for the cards that pass f, under
// the limits lim (see Limits and Queue). Retired, suspended and buried
// cards are never queued.
func (s *Store) Queue(day Day, lim Limits, f deck.Filter) (Queue, error) {
	var q Queue
	dl, err := s.DayLog(day)
	if err != nil {
		return q, err
	}
	notes, err := s.notesReviewed(day)
	if err != nil {
		return q, err
	}
	// sibling reports whether the card waits for a card of its note.
	sibling := func(it Item) bool {
		if it.Card.Note == "" {
			return false
		}
		if notes[it.Card.Note] {
			q.Siblings++
			return true
		}
		notes[it.Card.Note] = true
		return false
	}
	if left := lim.Review - dl.Review; left > 0 {
		due, err := s.items(f, func(n int) bool { return n >= left },
			`c.retired = 0 AND c.due <= ? AND `+queueable, `c.due, `+deckOrder, day.String(), day.String())
		if err != nil {
			return q, err
		}
		for _, it := range due {
			if !sibling(it) {
				q.Cards = append(q.Cards, Queued{it, QueueReview})
				q.Review++
			}
		}
	}
	if left := lim.New - dl.New; left > 0 {
		nw, err := s.items(f, func(n int) bool { return n >= left },
			`c.retired = 0 AND c.due IS NULL AND `+queueable, deckOrder, day.String())
		if err != nil {
			return q, err
		}
		for _, it := range nw {
			if !sibling(it) {
				q.Cards = append(q.Cards, Queued{it, QueueNew})
				q.New++
			}
		}
	}
	for _, id := range dl.Drill {
		it, err := s.item(s.db, id)
		if err != nil {
			return q, err
		}
		if it.Retired || !it.Queueable(day) || !f.Match(it.Deck, &it.Card) {
			continue
		}
		q.Cards = append(q.Cards, Queued{it, QueueDrill})
		q.Drill++
	}
	return q, nil
}
