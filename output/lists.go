package output

import (
	"fmt"
	"io"

	"spaced/srs"
)

// JSONDue is one card of 'due --json'.
type JSONDue struct {
	ID    string  `json:"id"`
	Deck  string  `json:"deck"`
	Front string  `json:"front"`
	Due   *string `json:"due"`
	State string  `json:"state"`
	Leech bool    `json:"leech,omitempty"`
}

// DueJSON writes queue q as the JSON array of 'due --json'.
func DueJSON(w io.Writer, q srs.Queue) error {
	out := make([]JSONDue, 0, len(q.Cards))
	for _, c := range q.Cards {
		out = append(out, JSONDue{ID: c.Card.ID, Deck: c.Deck, Front: c.Card.Front, Due: jsonDay(c.State.Due), State: c.Kind, Leech: c.State.Leech})
	}
	return JSON(w, out)
}

// Due writes queue q as the table of 'due': ID, kind, due date, deck and
// front, one card a line, under a header; width > 0 fits it to a terminal
// of that width.
func Due(w io.Writer, q srs.Queue, width int) error {
	t := table{header: []string{"ID", "STATE", "DUE", "DECK", "FRONT"}, flex: []int{4, 3}, min: 16}
	for _, c := range q.Cards {
		kind := c.Kind
		if c.State.Leech {
			kind += " leech"
		}
		t.rows = append(t.rows, []string{c.Card.ID, kind, dueOrDash(c.State.Due), OneLine(c.Deck), OneLine(c.Card.Front)})
	}
	return t.write(w, width)
}

// JSONCard is one card of 'cards --json'.
type JSONCard struct {
	ID          string   `json:"id"`
	Deck        string   `json:"deck"`
	Section     string   `json:"section"`
	Kind        string   `json:"kind"`
	Front       string   `json:"front"`
	Tags        []string `json:"tags"`
	State       string   `json:"state"`
	EF          float64  `json:"ef"`
	Interval    int      `json:"interval"`
	Repetitions int      `json:"repetitions"`
	Lapses      int      `json:"lapses"`
	Leech       bool     `json:"leech"`
	Due         *string  `json:"due"`
	Suspended   bool     `json:"suspended"`
	BuriedUntil *string  `json:"buried_until"`
	Edited      bool     `json:"edited"`
}

// CardsJSON writes items as the JSON array of 'cards --json'.
func CardsJSON(w io.Writer, items []srs.Item) error {
	out := make([]JSONCard, 0, len(items))
	for _, it := range items {
		st := it.State
		tags := it.Card.Tags
		if tags == nil {
			tags = []string{}
		}
		out = append(out, JSONCard{ID: it.Card.ID, Deck: it.Deck, Section: it.Card.Section, Kind: string(it.Card.Kind),
			Front: it.Card.Front, Tags: tags, State: ItemState(it), EF: float64(st.EF) / 100, Interval: st.Interval,
			Repetitions: st.Repetitions, Lapses: st.Lapses, Leech: st.Leech, Due: jsonDay(st.Due),
			Suspended: it.Suspended, BuriedUntil: jsonDay(it.BuriedUntil), Edited: it.Edited})
	}
	return JSON(w, out)
}

// Cards writes items as the table of 'cards': ID, state (suspended,
// buried on study day day, edited), due date, deck and front, one card a
// line, under a header; width > 0 fits it to a terminal of that width.
func Cards(w io.Writer, items []srs.Item, day srs.Day, width int) error {
	t := table{header: []string{"ID", "STATE", "DUE", "DECK", "FRONT"}, flex: []int{4, 3}, min: 16}
	for _, it := range items {
		state := ItemState(it)
		if it.State.Leech {
			state += " leech"
		}
		if it.Suspended {
			state += " suspended"
		} else if !it.Retired && !it.Queueable(day) {
			state += " buried"
		}
		if it.Edited {
			state += " edited"
		}
		t.rows = append(t.rows, []string{it.Card.ID, state, dueOrDash(it.State.Due), OneLine(it.Deck), OneLine(it.Card.Front)})
	}
	return t.write(w, width)
}

// Decks writes the table of 'decks': each deck with its counts and source,
// under a header; width > 0 fits it to a terminal of that width.
func Decks(w io.Writer, ds []srs.DeckInfo, width int) error {
	t := table{header: []string{"DECK", "CARDS", "NEW", "DUE", "RETIRED", "LEECH", "SOURCE"}, flex: []int{6, 0}, min: 16}
	for _, d := range ds {
		t.rows = append(t.rows, []string{OneLine(d.Name), fmt.Sprint(d.Cards), fmt.Sprint(d.New), fmt.Sprint(d.Due),
			fmt.Sprint(d.Retired), fmt.Sprint(d.Leech), OneLine(d.Source)})
	}
	return t.write(w, width)
}
