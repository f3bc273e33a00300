package review

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"spaced/deck"
	"spaced/srs"
)

// countingStore counts the queues read from the store under it.
type countingStore struct {
	*srs.Store
	queues int
}

func (c *countingStore) Queue(day srs.Day, lim srs.Limits, f deck.Filter) (srs.Queue, error) {
	c.queues++
	return c.Store.Queue(day, lim, f)
}

// TestSessionQueueFollowsStore walks a sitting through random steps (grades
// of every quality, skips, buries, undos, and changes made by another
// command) and checks, before each card, that the queue the sitting holds is
// the one the store gives: the same cards, of the same kinds, in the same
// states. Reviews and new cards are limited, and some cards are siblings.
func TestSessionQueueFollowsStore(t *testing.T) {
	d := &deck.Deck{Name: "Queue", Source: "queue.md"}
	for i := range 200 {
		c := deck.Card{ID: fmt.Sprintf("c%02d", i), Kind: deck.KindQA, Front: fmt.Sprintf("Question %d?", i),
			Back: fmt.Sprintf("Answer %d.", i), Line: i + 1}
		if i >= 150 {
			c.Note = fmt.Sprintf("c%02d", i&^1) // notes of two cards
		}
		d.Cards = append(d.Cards, c)
	}
	s := newStoreWith(t, d)
	other, err := srs.Open(s.Path(), srs.Write) // another command
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	day := srs.StudyDay(testNow, 4)
	// Cards reviewed on earlier days are due today, oldest due first.
	for i := range 200 {
		if i%3 == 0 {
			continue // new
		}
		past := -10 - i%7
		if _, err := s.Grade(d.Cards[i].ID, 3+i%3, day.Add(past), testNow.AddDate(0, 0, past)); err != nil {
			t.Fatal(err)
		}
	}
	lim := srs.Limits{New: 30, Review: 60}
	cs := &countingStore{Store: s}
	r := New(cs, day, lim, deck.Filter{}, func() time.Time { return testNow })
	rng := rand.New(rand.NewPCG(1, 2))
	steps := 0
	for ; steps < 400; steps++ {
		c, ok, err := r.Next()
		if err != nil {
			t.Fatal(err)
		}
		want, err := s.Queue(day, lim, deck.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if r.queue == nil || !reflect.DeepEqual(r.queue.Cards, want.Cards) {
			t.Fatalf("step %d: the sitting holds\n%s\nthe store gives\n%s", steps, queueText(r.queue), queueText(&want))
		}
		if !ok {
			break // the day is done
		}
		switch n := rng.IntN(20); {
		case n == 0:
			r.Skip(c)
		case n == 1:
			if err := r.Bury(c); err != nil {
				t.Fatal(err)
			}
		case n == 2:
			if _, err := r.Undo(); err != nil && !errors.Is(err, srs.ErrNothingToUndo) {
				t.Fatal(err)
			}
		case n == 3 && len(want.Cards) > 1:
			// Another command grades or suspends a card of the queue.
			id := want.Cards[1+rng.IntN(len(want.Cards)-1)].Card.ID
			if rng.IntN(2) == 0 {
				_, err = other.Grade(id, rng.IntN(6), day, testNow)
			} else {
				_, err = other.Suspend([]string{id}, true)
			}
			if err != nil {
				t.Fatal(err)
			}
		default:
			if _, err := r.Grade(c, rng.IntN(6)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if r.Graded() < 50 || steps < 100 {
		t.Fatalf("%d steps, %d grades: the walk tested little", steps, r.Graded())
	}
	t.Logf("%d steps, %d grades, %d queues read", steps, r.Graded(), cs.queues)
	if cs.queues*3 > steps {
		t.Errorf("%d queues read in %d steps: the sitting reads the queue again after its own grades", cs.queues, steps)
	}
}

func queueText(q *srs.Queue) string {
	if q == nil {
		return "  (none)"
	}
	s := ""
	for _, c := range q.Cards {
		s += fmt.Sprintf("  %s %s due %s reps %d\n", c.Card.ID, c.Kind, c.State.Due, c.State.Repetitions)
	}
	return s
}
