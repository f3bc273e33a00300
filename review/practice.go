package review

import (
	"time"

	"spaced/deck"
	"spaced/srs"
)

// PracticeStore is what a practice sitting needs of the collection.
type PracticeStore interface {
	Practice(id string, q int, day srs.Day, at time.Time) (int64, error)
	UndoPractice(id int64) error
	DueCount(day srs.Day, f deck.Filter) (int, error)
	Bury(ids []string, day srs.Day) ([]string, error)
	Suspend(ids []string, on bool) ([]string, error)
}

// Practice returns a Store over s for a practice sitting through cards,
// in their order, each once: its grades are logged as practice and
// change no schedule, count toward no limit and leave no drill. Undo takes
// back the sitting's practice grades, newest first.
func Practice(s PracticeStore, cards []srs.Item) Store {
	return &practice{s: s, cards: cards, done: make(map[string]bool)}
}

type practice struct {
	s     PracticeStore
	cards []srs.Item
	done  map[string]bool // cards practised in this sitting
	log   []practised     // this sitting's grades, oldest first
}

type practised struct {
	row  int64
	card srs.Item
	q    int
	day  srs.Day
}

// QueuePractice is the kind of a card of a practice sitting.
const QueuePractice = "practice"

func (p *practice) Queue(day srs.Day, _ srs.Limits, f deck.Filter) (srs.Queue, error) {
	var q srs.Queue
	for _, it := range p.cards {
		if !p.done[it.Card.ID] && f.Match(it.Deck, &it.Card) {
			q.Cards = append(q.Cards, srs.Queued{Item: it, Kind: QueuePractice})
		}
	}
	q.Review = len(q.Cards)
	return q, nil
}

func (p *practice) Grade(id string, q int, day srs.Day, at time.Time) (srs.Graded, error) {
	for _, it := range p.cards {
		if it.Card.ID != id {
			continue
		}
		row, err := p.s.Practice(id, q, day, at)
		if err != nil {
			return srs.Graded{}, err
		}
		p.done[id] = true
		p.log = append(p.log, practised{row, it, q, day})
		return srs.Graded{Item: it, Before: it.State, Quality: q, LogID: row}, nil
	}
	return srs.Graded{}, srs.ErrNoSuchCard
}

func (p *practice) Undo(srs.Day, time.Time) (srs.Undone, error) {
	if len(p.log) == 0 {
		return srs.Undone{}, srs.ErrNothingToUndo
	}
	last := p.log[len(p.log)-1]
	if err := p.s.UndoPractice(last.row); err != nil {
		return srs.Undone{}, err
	}
	p.log = p.log[:len(p.log)-1]
	delete(p.done, last.card.Card.ID)
	return srs.Undone{Item: last.card, Review: srs.Review{ID: last.row, CardID: last.card.Card.ID, Day: last.day, Quality: last.q}}, nil
}

func (p *practice) DayLog(srs.Day) (srs.DayLog, error) { return srs.DayLog{}, nil }

// DataVersion is constant: the practice queue is the sitting's own.
func (p *practice) DataVersion() (int64, error) { return 0, nil }

func (p *practice) DueCount(day srs.Day, f deck.Filter) (int, error) { return p.s.DueCount(day, f) }

func (p *practice) Bury(ids []string, day srs.Day) ([]string, error) {
	p.markDone(ids)
	return p.s.Bury(ids, day)
}

func (p *practice) Suspend(ids []string, on bool) ([]string, error) {
	p.markDone(ids)
	return p.s.Suspend(ids, on)
}

func (p *practice) markDone(ids []string) {
	for _, id := range ids {
		p.done[id] = true
	}
}
