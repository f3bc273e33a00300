package srs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Errors returned by Grade and Undo.
var (
	// ErrQuality: a quality outside 0–5.
	ErrQuality = errors.New("quality must be 0 to 5")
	// ErrNotDue: the card is not due on the study day (see NotDueError).
	ErrNotDue = errors.New("not due")
	// ErrPastDay: the study day is before the card's last review day.
	ErrPastDay = errors.New("study day before the card's last review")
	// ErrRetired: the card was removed from its deck.
	ErrRetired = errors.New("card is retired (removed from its source)")
	// ErrNothingToUndo: no grade of the study day is left to undo.
	ErrNothingToUndo = errors.New("nothing to undo today")
	// ErrLaterReview: the grade to undo is followed by a review of the same
	// card on a later study day, which must be undone first.
	ErrLaterReview = errors.New("the card has a review on a later study day")
)

// NotDueError is the error Grade returns for a card not yet due. It matches
// ErrNotDue with errors.Is.
type NotDueError struct{ Due Day }

func (e *NotDueError) Error() string        { return "not due until " + e.Due.String() }
func (e *NotDueError) Is(target error) bool { return target == ErrNotDue }

// PastDayError is the error Grade returns for a study day before the card's
// last review. It matches ErrPastDay with errors.Is.
type PastDayError struct{ Last, Day Day }

func (e *PastDayError) Error() string {
	return fmt.Sprintf("last reviewed on %s, after the study day %s", e.Last, e.Day)
}
func (e *PastDayError) Is(target error) bool { return target == ErrPastDay }

// Graded is the outcome of a grade.
type Graded struct {
	Item          // the card, with its state after the grade
	Before  State // its state before
	Quality int   // 0–5
	Drill   bool  // a drill grade: logged, schedule unchanged
	Again   bool  // the card is drilled again today (graded below 4 today, last grade below 4)
	LogID   int64 // the review log row
}

// Grade records a grade of quality q (0–5) for the card with ID or unique
// prefix id on study day day at the instant at, in one transaction that
// updates the card's state and appends its log row. The first rule that
// applies:
//
//   - day is before the card's last review day: *PastDayError (ErrPastDay);
//   - the card was reviewed on day: a drill grade, logged, state unchanged;
//   - the card is new or due on or before day: an SM-2 review (Next);
//   - else: *NotDueError (ErrNotDue).
//
// Other errors: ErrQuality, ErrNoSuchCard, ErrAmbiguous, ErrRetired.
func (s *Store) Grade(id string, q int, day Day, at time.Time) (Graded, error) {
	var g Graded
	if !ValidQuality(q) {
		return g, ErrQuality
	}
	full, err := s.Resolve(id)
	if err != nil {
		return g, err
	}
	err = s.write(context.Background(), "grade", func(tx *sql.Tx) error {
		it, err := s.item(tx, full)
		if err != nil {
			return err
		}
		st := it.State
		kind := "review"
		switch {
		case it.Retired:
			return ErrRetired
		case day < st.Last:
			return &PastDayError{Last: st.Last, Day: day}
		case day == st.Last:
			kind = "drill"
		case st.IsNew() || st.Due <= day:
			it.State = Next(st, q, day)
		default:
			return &NotDueError{Due: st.Due}
		}
		if kind == "review" {
			if err := setState(tx, full, it.State); err != nil {
				return err
			}
		}
		logID, err := appendLog(tx, full, at, day, kind, q, 0, st, it.State)
		if err != nil {
			return err
		}
		g = Graded{Item: it, Before: st, Quality: q, Drill: kind == "drill", Again: q < DrillQuality, LogID: logID}
		return nil
	})
	return g, err
}

// Undone is the outcome of an undo.
type Undone struct {
	Item          // the card, with its state restored
	Review Review // the grade undone
}

// Undo appends an undo row that cancels the newest grade (SM-2 review or
// drill) of study day day not yet undone, and restores the card's state
// from before it (a drill grade changed nothing, so undoing one restores
// nothing). Repeated, it walks back through the day; an imported review is
// never undone. With nothing left to undo it returns ErrNothingToUndo; an
// SM-2 review followed by a review of the same card on a later study day
// (reached with an explicit study day) is not undone: ErrLaterReview. An
// undone grade counts for nothing: limits, drills, statistics and replay
// skip it.
func (s *Store) Undo(day Day, at time.Time) (Undone, error) {
	var u Undone
	err := s.write(context.Background(), "undo", func(tx *sql.Tx) error {
		rs, err := s.reviewsTx(tx, `l.day = ? AND l.imported = 0 ORDER BY l.id DESC LIMIT 1`, day.String())
		if err != nil {
			return err
		}
		if len(rs) == 0 {
			return ErrNothingToUndo
		}
		r := rs[0]
		it, err := s.item(tx, r.CardID)
		if err != nil {
			return err
		}
		cur := it.State
		if !r.Drill {
			later, err := s.reviewsTx(tx, `l.card_id = ? AND l.id > ? LIMIT 1`, r.CardID, r.ID)
			if err != nil {
				return err
			}
			if len(later) > 0 {
				return fmt.Errorf("undo the grade of %s on %s: %w (%s)", r.CardID, r.Day, ErrLaterReview, later[0].Day)
			}
			it.State = r.Before
			if err := setState(tx, r.CardID, it.State); err != nil {
				return err
			}
		}
		if _, err := appendLog(tx, r.CardID, at, day, "undo", -1, r.ID, cur, it.State); err != nil {
			return err
		}
		u = Undone{Item: it, Review: r}
		return nil
	})
	return u, err
}

func setState(tx *sql.Tx, id string, st State) error {
	_, err := tx.Exec(`UPDATE cards SET repetitions = ?, ef = ?, interval = ?, lapses = ?, due = ?, last_day = ?, leech = ?
		WHERE id = ?`, st.Repetitions, st.EF, st.Interval, st.Lapses, dayText(st.Due), dayText(st.Last), boolInt(st.Leech), id)
	return err
}

// appendLog appends a row to the review log; q < 0 and undoes 0 store NULL.
func appendLog(tx *sql.Tx, id string, at time.Time, day Day, kind string, q int, undoes int64, b, a State) (int64, error) {
	var quality, und any
	if q >= 0 {
		quality = q
	}
	if undoes > 0 {
		und = undoes
	}
	r, err := tx.ExecContext(context.Background(), `INSERT INTO log (card_id, at, day, kind, quality, undoes,
		b_repetitions, b_ef, b_interval, b_lapses, b_due, b_last_day, b_leech,
		a_repetitions, a_ef, a_interval, a_lapses, a_due, a_last_day, a_leech)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, at.Unix(), day.String(), kind, quality, und,
		b.Repetitions, b.EF, b.Interval, b.Lapses, dayText(b.Due), dayText(b.Last), boolInt(b.Leech),
		a.Repetitions, a.EF, a.Interval, a.Lapses, dayText(a.Due), dayText(a.Last), boolInt(a.Leech))
	if err != nil {
		return 0, err
	}
	return r.LastInsertId()
}
