package output

import (
	"fmt"
	"io"
	"time"

	"spaced/srs"
)

// JSONInfo is the object of 'info --json': a card, its state and its
// history.
type JSONInfo struct {
	ID          string       `json:"id"`
	Deck        string       `json:"deck"`
	Front       string       `json:"front"`
	Back        string       `json:"back"`
	State       string       `json:"state"`
	EF          float64      `json:"ef"`
	Interval    int          `json:"interval"`
	Repetitions int          `json:"repetitions"`
	Lapses      int          `json:"lapses"`
	Leech       bool         `json:"leech"`
	Due         *string      `json:"due"`
	Reviews     []JSONReview `json:"reviews"`
}

// JSONReview is one grade of a card's history in 'info --json'.
type JSONReview struct {
	At       string  `json:"at"`
	Day      string  `json:"day"`
	Quality  int     `json:"quality"`
	Kind     string  `json:"kind"`
	EF       float64 `json:"ef"`
	Interval int     `json:"interval"`
	Due      *string `json:"due"`
}

// InfoJSON writes card it and its history as the JSON object of
// 'info --json'.
func InfoJSON(w io.Writer, it srs.Item, hist []srs.Review) error {
	st := it.State
	out := JSONInfo{ID: it.Card.ID, Deck: it.Deck, Front: it.Card.Front, Back: it.Card.Back, State: ItemState(it),
		EF: float64(st.EF) / 100, Interval: st.Interval, Repetitions: st.Repetitions, Lapses: st.Lapses,
		Leech: st.Leech, Due: jsonDay(st.Due), Reviews: []JSONReview{}}
	for _, r := range hist {
		kind := "review"
		if r.Drill {
			kind = "drill"
		}
		out.Reviews = append(out.Reviews, JSONReview{At: r.At.UTC().Format(time.RFC3339), Day: r.Day.String(), Quality: r.Quality,
			Kind: kind, EF: float64(r.After.EF) / 100, Interval: r.After.Interval, Due: jsonDay(r.After.Due)})
	}
	return JSON(w, out)
}

// Info writes card it and its history as the text of 'info'.
func Info(w io.Writer, it srs.Item, hist []srs.Review) {
	st := it.State
	fmt.Fprintf(w, "%s  %s\n", it.Card.ID, OneLine(it.Deck))
	if it.Card.Section != "" {
		fmt.Fprintf(w, "section: %s\n", OneLine(it.Card.Section))
	}
	fmt.Fprintf(w, "Q: %s\nA: %s\n", Safe(it.Card.Front), Safe(it.Card.Back))
	state := ItemState(it)
	if !st.IsNew() {
		state += ", due " + st.Due.String()
	}
	if st.Leech {
		state += ", leech"
	}
	fmt.Fprintf(w, "state: %s; E-Factor %s, interval %d, repetitions %d, lapses %d\n", state, EF(st.EF), st.Interval, st.Repetitions, st.Lapses)
	for _, r := range hist {
		if r.Drill {
			fmt.Fprintf(w, "  %s  drill   %d\n", r.Day, r.Quality)
			continue
		}
		imported := ""
		if r.Imported {
			imported = " (imported)"
		}
		fmt.Fprintf(w, "  %s  review  %d  → interval %d, E-Factor %s, due %s%s\n", r.Day, r.Quality, r.After.Interval, EF(r.After.EF), r.After.Due, imported)
	}
}

// Graded tells in one line what a grade did.
func Graded(g srs.Graded) string {
	var s string
	if g.Drill {
		s = fmt.Sprintf("%s: drill grade %d", g.Card.ID, g.Quality)
		if g.Again {
			return s + "; again today"
		}
		return s + "; done for today"
	}
	s = fmt.Sprintf("%s: graded %d; next review %s (%s), E-Factor %s", g.Card.ID, g.Quality, g.State.Due, inDays(g.State.Interval), EF(g.State.EF))
	if g.State.Leech && !g.Before.Leech {
		s += "; now a leech"
	}
	if g.Again {
		s += "; drill again today"
	}
	return s
}

// Undone tells in one line what an undo did.
func Undone(u srs.Undone) string {
	kind := "grade"
	if u.Review.Drill {
		kind = "drill grade"
	}
	due := "new"
	if !u.State.IsNew() {
		due = "due " + u.State.Due.String()
	}
	return fmt.Sprintf("%s: undid %s %d of %s; the card is %s again", u.Card.ID, kind, u.Review.Quality, u.Review.Day, due)
}

// Synced tells in one line what adding a deck did.
func Synced(r srs.SyncResult) string {
	return fmt.Sprintf("%s: %d new, %d updated, %d unchanged, %d retired", OneLine(r.Deck), r.New, r.Updated, r.Unchanged, r.Retired)
}
