package output

import (
	"fmt"
	"io"
	"text/tabwriter"

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
// front, one card a line.
func Due(w io.Writer, q srs.Queue) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, c := range q.Cards {
		kind := c.Kind
		if c.State.Leech {
			kind += " leech"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", c.Card.ID, kind, dueOrDash(c.State.Due), OneLine(c.Deck), OneLine(c.Card.Front))
	}
	return tw.Flush()
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
			Repetitions: st.Repetitions, Lapses: st.Lapses, Leech: st.Leech, Due: jsonDay(st.Due)})
	}
	return JSON(w, out)
}

// Cards writes items as the table of 'cards': ID, state, due date, deck
// and front, one card a line.
func Cards(w io.Writer, items []srs.Item) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, it := range items {
		state := ItemState(it)
		if it.State.Leech {
			state += " leech"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", it.Card.ID, state, dueOrDash(it.State.Due), OneLine(it.Deck), OneLine(it.Card.Front))
	}
	return tw.Flush()
}

// Decks writes the table of 'decks': each deck with its counts and source.
func Decks(w io.Writer, ds []srs.DeckInfo) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, d := range ds {
		fmt.Fprintf(tw, "%s\t%d cards\t%d new\t%d due\t%d retired\t%d leech\t%s\n", OneLine(d.Name), d.Cards, d.New, d.Due, d.Retired, d.Leech, OneLine(d.Source))
	}
	return tw.Flush()
}
