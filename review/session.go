// Package review runs one review sitting over a collection: the queue
// walk, the drill of SM-2's step 7, skipping, undo and the summary, drawn
// on a terminal key by key (RunTerminal) or spoken as a line protocol
// (RunLines).
//
// The package knows no flags, environment, files or SQL: the collection
// comes as a Store, the terminal as a Terminal with its events, the clock
// as a function, and a sitting ends by returning: nil, ErrInterrupted
// (Ctrl-C typed on the terminal), the cause of the context's cancellation
// (a signal the caller turned into one), or an error of the collection.
package review

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"spaced/deck"
	"spaced/output"
	"spaced/srs"
)

// Store is what a sitting needs of the collection; *srs.Store has it.
type Store interface {
	Queue(day srs.Day, lim srs.Limits, f deck.Filter) (srs.Queue, error)
	// DataVersion changes when another connection (another command)
	// commits a change to the collection; the store's own writes leave it.
	DataVersion() (int64, error)
	Grade(id string, q int, day srs.Day, at time.Time) (srs.Graded, error)
	Undo(day srs.Day, at time.Time) (srs.Undone, error)
	DayLog(day srs.Day) (srs.DayLog, error)
	DueCount(day srs.Day, f deck.Filter) (int, error)
	Bury(ids []string, day srs.Day) ([]string, error)
	Suspend(ids []string, on bool) ([]string, error)
}

// ChangedError is a grade not recorded because the card changed in the
// collection since it was shown: another command retired or removed it, or
// graded it so that it is no longer due. The sitting leaves the card and
// goes on.
type ChangedError struct {
	ID  string
	Err error
}

func (e *ChangedError) Error() string {
	return fmt.Sprintf("card %s changed meanwhile (%v); not graded, left for later", e.ID, e.Err)
}
func (e *ChangedError) Unwrap() error { return e.Err }

// changedMeanwhile reports whether err, of a grade, says the card changed
// since it was queued.
func changedMeanwhile(err error) bool {
	return errors.Is(err, srs.ErrRetired) || errors.Is(err, srs.ErrNoSuchCard) ||
		errors.Is(err, srs.ErrNotDue) || errors.Is(err, srs.ErrPastDay)
}

// ErrInterrupted is returned when the user ends a sitting with Ctrl-C.
var ErrInterrupted = errors.New("interrupted")

// Session is one sitting of a study day. What it shows always follows the
// review log: cards graded are gone, a card undone comes back, and the
// drill (cards graded below 4 today) follows the due and new cards and
// survives a restart. It reads the queue from the store once, and again
// only when another command changed the collection or after an undo, a
// bury, a suspend or a card changed meanwhile; a grade of its own it
// applies to the queue it holds, as the store would (a test checks the
// two agree after every step).
type Session struct {
	store  Store
	day    srs.Day
	limits srs.Limits
	filter deck.Filter
	now    func() time.Time
	start  time.Time

	// Keys are the keys that grade, in both protocols (KeysSM2 unless set).
	Keys Keys
	// Practice marks a sitting over a Practice store: its grades change no
	// schedule, and the screen and the summary say so.
	Practice bool

	skipped map[string]bool // cards skipped in this sitting
	queue   *srs.Queue      // the queue as of the last step, nil to read it again
	version int64           // the collection's DataVersion when queue was read
	first   string          // the card to show next when it is queued (the card just undone)

	grades  []srs.Graded // grades of this sitting not undone, in order
	skips   int          // cards skipped
	left    int          // cards still queued when the sitting ended
	stopped bool         // ended before the queue was empty
}

// New returns a sitting of study day day over store s, with limits lim,
// the cards f selects, and the clock now.
func New(s Store, day srs.Day, lim srs.Limits, f deck.Filter, now func() time.Time) *Session {
	return &Session{store: s, day: day, limits: lim, filter: f, now: now, start: now(), skipped: make(map[string]bool)}
}

// Card is the card to show, with the sitting's progress.
type Card struct {
	srs.Queued
	N, Total           int // position of the card in the sitting, 1-based, of Total
	New, Review, Drill int // cards of each kind left, this one included
}

// Next returns the card to show next, or ok false when nothing is left.
func (r *Session) Next() (c Card, ok bool, err error) {
	q, err := r.current()
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
			c.New++
		case srs.QueueReview:
			c.Review++
		case srs.QueueDrill:
			c.Drill++
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
	c.N, c.Total = done+1, done+len(cards)
	return c, true, nil
}

// current returns the queue, read again unless the one held is current.
func (r *Session) current() (srs.Queue, error) {
	v, err := r.store.DataVersion()
	if err != nil {
		return srs.Queue{}, err
	}
	if r.queue != nil && v == r.version {
		return *r.queue, nil
	}
	q, err := r.store.Queue(r.day, r.limits, r.filter)
	if err != nil {
		return q, err
	}
	r.queue, r.version = &q, v
	return q, nil
}

// graded applies grade g to the queue held, as the store's queue would
// show it: the card leaves its place and, drilled again today, goes to the
// end of the drill. The limits need nothing more: a review or a new card
// graded is one fewer of its kind left and one fewer in the queue.
func (r *Session) graded(g srs.Graded) {
	if r.queue == nil {
		return
	}
	cards := make([]srs.Queued, 0, len(r.queue.Cards)+1)
	found := false
	for _, qc := range r.queue.Cards {
		if qc.Card.ID == g.Card.ID {
			found = true
			continue
		}
		cards = append(cards, qc)
	}
	if !found {
		r.queue = nil // a card from outside the queue held: read it again
		return
	}
	if g.Again && !g.Retired && g.Queueable(r.day) {
		cards = append(cards, srs.Queued{Item: g.Item, Kind: srs.QueueDrill})
	}
	r.queue = &srs.Queue{Cards: cards}
}

// Grade records grade q of card c.
func (r *Session) Grade(c Card, q int) (srs.Graded, error) {
	g, err := r.store.Grade(c.Card.ID, q, r.day, r.now())
	if changedMeanwhile(err) {
		// Another command retired, removed or graded the card since it
		// was shown: leave it, and go on.
		r.skipped[c.Card.ID] = true
		r.first, r.queue = "", nil
		return g, &ChangedError{ID: c.Card.ID, Err: err}
	}
	if err != nil {
		r.queue = nil
		return g, fmt.Errorf("grade %s: %w", c.Card.ID, err)
	}
	r.grades = append(r.grades, g)
	r.first = ""
	r.graded(g)
	return g, nil
}

// Bury keeps card c out of the queue until the next study day.
func (r *Session) Bury(c Card) error {
	r.queue = nil
	if _, err := r.store.Bury([]string{c.Card.ID}, r.day); err != nil {
		return fmt.Errorf("bury %s: %w", c.Card.ID, err)
	}
	r.first = ""
	return nil
}

// Suspend keeps card c out of every queue until it is unsuspended.
func (r *Session) Suspend(c Card) error {
	r.queue = nil
	if _, err := r.store.Suspend([]string{c.Card.ID}, true); err != nil {
		return fmt.Errorf("suspend %s: %w", c.Card.ID, err)
	}
	r.first = ""
	return nil
}

// Skip leaves card c for the rest of the sitting.
func (r *Session) Skip(c Card) {
	r.skipped[c.Card.ID] = true
	r.skips++
	r.first = ""
}

// Undo cancels the newest grade of the study day, of this sitting or an
// earlier one, and makes its card the next one shown. With nothing to undo
// the error matches srs.ErrNothingToUndo.
func (r *Session) Undo() (srs.Undone, error) {
	r.queue = nil
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

// Graded returns the number of grades of the sitting not undone.
func (r *Session) Graded() int { return len(r.grades) }

// Stop marks the sitting as ended before its queue was empty.
func (r *Session) Stop() { r.stopped = true }

// Summary is what a sitting did.
type Summary struct {
	Reviewed, New int    // SM-2 reviews, of which of new cards
	PerGrade      [6]int // SM-2 reviews per grade
	Drills        int    // drill grades
	Skipped       int
	Left          int // cards still queued (0 when the queue was finished)
	DrillLeft     int // cards still to drill today
	Spent         time.Duration
	DueTomorrow   int // cards due on or before the next study day
	Day           srs.Day
	// Limits are the day's limits, and NewToday and ReviewToday what the
	// review log counts against them (this sitting's and earlier ones').
	Limits                srs.Limits
	NewToday, ReviewToday int
	Practice              bool // the grades were practice, which changed no schedule
}

// Summary counts what the sitting did and what tomorrow holds.
func (r *Session) Summary() (Summary, error) {
	s := Summary{Skipped: r.skips, Spent: r.now().Sub(r.start), Day: r.day, Practice: r.Practice}
	if r.stopped {
		s.Left = r.left
	}
	for _, g := range r.grades {
		if g.Drill {
			s.Drills++
			continue
		}
		s.Reviewed++
		s.PerGrade[g.Quality]++
		if g.Before.IsNew() {
			s.New++
		}
	}
	dl, err := r.store.DayLog(r.day)
	if err != nil {
		return s, err
	}
	s.DrillLeft = len(dl.Drill)
	s.Limits, s.NewToday, s.ReviewToday = r.limits, dl.New, dl.Review
	s.DueTomorrow, err = r.store.DueCount(r.day.Add(1), r.filter)
	return s, err
}

// Write prints the summary, one fact a line.
func (s Summary) Write(w io.Writer) error {
	var b strings.Builder
	if s.Practice {
		fmt.Fprintf(&b, "Practice: %s graded, no schedule changed.\n", output.Plural(s.Reviewed, "card"))
		fmt.Fprintf(&b, "Grades:       ")
		for q, n := range s.PerGrade {
			fmt.Fprintf(&b, " %d:%d", q, n)
		}
		b.WriteString("\n")
		if s.Left > 0 {
			fmt.Fprintf(&b, "Not practised: %s\n", output.Plural(s.Left+s.Skipped, "card"))
		}
		fmt.Fprintf(&b, "Time spent:    %s\n", spentText(s.Spent))
		_, err := io.WriteString(w, b.String())
		return err
	}
	switch {
	case s.Left > 0:
		// Skipped cards stay in the queue for the next sitting.
		fmt.Fprintf(&b, "%s left in today's queue.\n", output.Plural(s.Left+s.Skipped, "card"))
	case s.Reviewed+s.Drills+s.Skipped == 0:
		fmt.Fprintf(&b, "Nothing to review on %s.%s\n", s.Day, s.limitsReached())
	case s.Skipped > 0:
		fmt.Fprintf(&b, "Done, but for the cards skipped.\n")
	default:
		fmt.Fprintf(&b, "Done for today.\n")
	}
	fmt.Fprintf(&b, "Reviewed:      %s (%d new, %d due)\n", output.Plural(s.Reviewed, "card"), s.New, s.Reviewed-s.New)
	fmt.Fprintf(&b, "Grades:       ")
	for q, n := range s.PerGrade {
		fmt.Fprintf(&b, " %d:%d", q, n)
	}
	fmt.Fprintf(&b, "\nDrill repeats: %d", s.Drills)
	if s.DrillLeft > 0 {
		fmt.Fprintf(&b, " (%s still to drill today)", output.Plural(s.DrillLeft, "card"))
	}
	b.WriteString("\n")
	if s.Skipped > 0 {
		fmt.Fprintf(&b, "Skipped:       %d\n", s.Skipped)
	}
	fmt.Fprintf(&b, "Time spent:    %s\n", spentText(s.Spent))
	fmt.Fprintf(&b, "Due tomorrow:  %s\n", output.Plural(s.DueTomorrow, "card"))
	_, err := io.WriteString(w, b.String())
	return err
}

// limitsReached says which of the day's limits the review log has reached,
// as the reason a queue may be empty, or "".
func (s Summary) limitsReached() string {
	var reached []string
	if s.Limits.New > 0 && s.NewToday >= s.Limits.New {
		reached = append(reached, fmt.Sprintf("%s (--new)", output.Plural(s.Limits.New, "new card")))
	}
	if s.Limits.Review > 0 && s.ReviewToday >= s.Limits.Review {
		reached = append(reached, fmt.Sprintf("%s (--limit)", output.Plural(s.Limits.Review, "review")))
	}
	if len(reached) == 0 {
		return ""
	}
	return " The day's limit of " + strings.Join(reached, " and of ") + " is reached."
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

// gradeAck says what a grade did, for the line under the next card: with
// Anki's keys, by the button and its SM-2 quality ("Good (4)").
func gradeAck(g srs.Graded, k Keys) string {
	name := gradeNames[g.Quality]

	if k == KeysAnki {
		for b, q := range AnkiQuality {
			if b > 0 && q == g.Quality {
				return strings.Replace(gradeAck(g, KeysSM2), fmt.Sprintf("%d %s", g.Quality, name), fmt.Sprintf("%s (%d)", ankiButtons[b], g.Quality), 1)
			}
		}
	}
	switch {
	case g.Drill && g.Again:
		return fmt.Sprintf("drill %d %s: again today", g.Quality, name)
	case g.Drill:
		return fmt.Sprintf("drill %d %s: done for today", g.Quality, name)
	}
	s := fmt.Sprintf("%d %s: due %s (%s)", g.Quality, name, g.State.Due, output.Plural(g.State.Interval, "day"))
	if g.Again {
		s += ", drill today"
	}
	if g.State.Leech && !g.Before.Leech {
		s += ", now a leech"
	}
	return s
}

// ack says what a grade of the sitting did.
func (r *Session) ack(g srs.Graded) string {
	if r.Practice {
		return fmt.Sprintf("practised %s (%s); no schedule changed", gradeLabel(g.Quality, r.Keys), output.Short(g.Card.Front, 30))
	}
	return gradeAck(g, r.Keys)
}

// gradeLabel names a quality as the keys show it: "4 good", or with
// Anki's keys "Good (4)".
func gradeLabel(q int, k Keys) string {
	if k == KeysAnki {
		for b, aq := range AnkiQuality {
			if b > 0 && aq == q {
				return fmt.Sprintf("%s (%d)", ankiButtons[b], q)
			}
		}
	}
	return fmt.Sprintf("%d %s", q, gradeNames[q])
}

// undoAck says what an undo did.
func undoAck(u srs.Undone) string {
	kind := "grade"
	if u.Review.Drill {
		kind = "drill grade"
	}
	return fmt.Sprintf("undid %s %d of %s (%s)", kind, u.Review.Quality, u.Card.ID, output.Short(u.Card.Front, 40))
}

// cardName names a card in a message: its ID and the start of its front.
func cardName(c Card) string {
	return fmt.Sprintf("%s (%s)", c.Card.ID, output.Short(c.Card.Front, 40))
}

// undoError turns an error of an undo into the line shown to the user; only
// errors other than "nothing to undo" end the sitting.
func undoError(err error) (msg string, fatal bool) {
	if errors.Is(err, srs.ErrNothingToUndo) || errors.Is(err, srs.ErrLaterReview) {
		return err.Error(), false
	}
	return "", true
}
