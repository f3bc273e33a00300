package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"spaced/deck"
	"spaced/srs"
)

// reviewSession is one review session of a study day. It asks the store for
// the queue before each card, so what it shows always follows the review
// log: cards graded are gone, a card undone comes back, and the drill (cards
// graded below 4 today) follows the due and new cards and survives a
// restart.
type reviewSession struct {
	store  *srs.Store
	day    srs.Day
	limits srs.Limits
	filter deck.Filter
	now    func() time.Time
	start  time.Time

	skipped map[string]bool // cards skipped in this session
	first   string          // the card to show next when it is queued (the card just undone)

	grades  []srs.Graded // grades of this session not undone, in order
	skips   int          // cards skipped
	left    int          // cards still queued when the session ended
	stopped bool         // ended before the queue was empty
}

func newReviewSession(s *srs.Store, day srs.Day, lim srs.Limits, f deck.Filter, now func() time.Time) *reviewSession {
	return &reviewSession{store: s, day: day, limits: lim, filter: f, now: now, start: now(), skipped: make(map[string]bool)}
}

// reviewCard is the card to show, with the session's progress.
type reviewCard struct {
	srs.Queued
	n, total           int // position of the card in the session, 1-based, of total
	new, review, drill int // cards of each kind left, this one included
}

// next returns the card to show next, or ok false when nothing is left.
func (r *reviewSession) next() (c reviewCard, ok bool, err error) {
	q, err := r.store.Queue(r.day, r.limits, r.filter)
	if err != nil {
		return c, false, err
	}
	var cards []srs.Queued
	for _, qc := range q.Cards {
		if r.skipped[qc.Card.ID] {
			continue
		}
		cards = append(cards, qc)
		switch qc.Kind {
		case srs.QueueNew:
			c.new++
		case srs.QueueReview:
			c.review++
		case srs.QueueDrill:
			c.drill++
		}
	}
	r.left = len(cards)
	if len(cards) == 0 {
		return c, false, nil
	}
	c.Queued = cards[0]
	for _, qc := range cards {
		if qc.Card.ID == r.first {
			c.Queued = qc
			break
		}
	}
	done := len(r.grades) + r.skips
	c.n, c.total = done+1, done+len(cards)
	return c, true, nil
}

// grade records grade q of card c.
func (r *reviewSession) grade(c reviewCard, q int) (srs.Graded, error) {
	g, err := r.store.Grade(c.Card.ID, q, r.day, r.now())
	if err != nil {
		return g, fmt.Errorf("grade %s: %w", c.Card.ID, err)
	}
	r.grades = append(r.grades, g)
	r.first = ""
	return g, nil
}

// skip leaves card c for the rest of the session.
func (r *reviewSession) skip(c reviewCard) {
	r.skipped[c.Card.ID] = true
	r.skips++
	r.first = ""
}

// undo cancels the newest grade of the study day, of this session or an
// earlier one, and makes its card the next one shown. With nothing to undo
// the error matches srs.ErrNothingToUndo.
func (r *reviewSession) undo() (srs.Undone, error) {
	u, err := r.store.Undo(r.day, r.now())
	if err != nil {
		return u, err
	}
	for i := len(r.grades) - 1; i >= 0; i-- {
		if r.grades[i].LogID == u.Review.ID {
			r.grades = append(r.grades[:i], r.grades[i+1:]...)
			break
		}
	}
	if r.skipped[u.Card.ID] {
		delete(r.skipped, u.Card.ID)
		r.skips--
	}
	r.first = u.Card.ID
	return u, nil
}

// summary is what a session did.
type summary struct {
	reviewed, new int    // SM-2 reviews, of which of new cards
	perGrade      [6]int // SM-2 reviews per grade
	drills        int    // drill grades
	skipped       int
	left          int // cards still queued (0 when the queue was finished)
	drillLeft     int // cards still to drill today
	spent         time.Duration
	dueTomorrow   int // cards due on or before the next study day
	day           srs.Day
}

// summary counts what the session did and what tomorrow holds.
func (r *reviewSession) summary() (summary, error) {
	s := summary{skipped: r.skips, spent: r.now().Sub(r.start), day: r.day}
	if r.stopped {
		s.left = r.left
	}
	for _, g := range r.grades {
		if g.Drill {
			s.drills++
			continue
		}
		s.reviewed++
		s.perGrade[g.Quality]++
		if g.Before.IsNew() {
			s.new++
		}
	}
	dl, err := r.store.DayLog(r.day)
	if err != nil {
		return s, err
	}
	s.drillLeft = len(dl.Drill)
	st, err := r.store.Stats(r.day.Add(1), r.filter)
	if err != nil {
		return s, err
	}
	s.dueTomorrow = st.DueToday
	return s, nil
}

// write prints the summary, one fact a line.
func (s summary) write(w io.Writer) error {
	var b strings.Builder
	switch {
	case s.left > 0:
		// Skipped cards stay in the queue for the next session.
		fmt.Fprintf(&b, "%s left in today's queue.\n", plural(s.left+s.skipped, "card"))
	case s.reviewed+s.drills+s.skipped == 0:
		fmt.Fprintf(&b, "Nothing to review on %s.\n", s.day)
	case s.skipped > 0:
		fmt.Fprintf(&b, "Done, but for the cards skipped.\n")
	default:
		fmt.Fprintf(&b, "Done for today.\n")
	}
	fmt.Fprintf(&b, "Reviewed:      %s (%d new, %d due)\n", plural(s.reviewed, "card"), s.new, s.reviewed-s.new)
	fmt.Fprintf(&b, "Grades:       ")
	for q, n := range s.perGrade {
		fmt.Fprintf(&b, " %d:%d", q, n)
	}
	fmt.Fprintf(&b, "\nDrill repeats: %d", s.drills)
	if s.drillLeft > 0 {
		fmt.Fprintf(&b, " (%s still to drill today)", plural(s.drillLeft, "card"))
	}
	b.WriteString("\n")
	if s.skipped > 0 {
		fmt.Fprintf(&b, "Skipped:       %d\n", s.skipped)
	}
	fmt.Fprintf(&b, "Time spent:    %s\n", spentText(s.spent))
	fmt.Fprintf(&b, "Due tomorrow:  %s\n", plural(s.dueTomorrow, "card"))
	_, err := io.WriteString(w, b.String())
	return err
}

// plural writes n with noun, adding "s" unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// spentText writes a duration in whole seconds: 45s, 4m 05s, 1h 02m.
func spentText(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	switch {
	case s < 0:
		return "0s"
	case s < 60:
		return fmt.Sprintf("%ds", s)
	case s < 3600:
		return fmt.Sprintf("%dm %02ds", s/60, s%60)
	}
	return fmt.Sprintf("%dh %02dm", s/3600, s/60%60)
}

// gradeNames says in a word what each grade means (SM-2's scale).
var gradeNames = [6]string{"blank", "wrong", "almost", "hard", "good", "easy"}

// intervalText writes an interval in days briefly: 6d, 4mo, 1.5y.
func intervalText(days int) string {
	switch {
	case days < 100:
		return fmt.Sprintf("%dd", days)
	case days < 365:
		return fmt.Sprintf("%dmo", (days+15)/30)
	}
	return fmt.Sprintf("%.1fy", float64(days)/365)
}

// gradeAck says what a grade did, for the line under the next card.
func gradeAck(g srs.Graded) string {
	name := gradeNames[g.Quality]
	switch {
	case g.Drill && g.Again:
		return fmt.Sprintf("drill %d %s: again today", g.Quality, name)
	case g.Drill:
		return fmt.Sprintf("drill %d %s: done for today", g.Quality, name)
	}
	s := fmt.Sprintf("%d %s: due %s (%s)", g.Quality, name, g.State.Due, plural(g.State.Interval, "day"))
	if g.Again {
		s += ", drill today"
	}
	if g.State.Leech && !g.Before.Leech {
		s += ", now a leech"
	}
	return s
}

// undoAck says what an undo did.
func undoAck(u srs.Undone) string {
	kind := "grade"
	if u.Review.Drill {
		kind = "drill grade"
	}
	return fmt.Sprintf("undid %s %d of %s", kind, u.Review.Quality, u.Card.ID)
}

// undoError turns an error of an undo into the line shown to the user; only
// errors other than "nothing to undo" end the session.
func undoError(err error) (msg string, fatal bool) {
	if errors.Is(err, srs.ErrNothingToUndo) || errors.Is(err, srs.ErrLaterReview) {
		return err.Error(), false
	}
	return "", true
}
