package main

import (
	"context"
	"fmt"
	"time"

	"github.com/urfave/cli/v3"

	"spaced/srs"
)

func (a *app) infoCommand() *cli.Command {
	return &cli.Command{
		Name:      "info",
		Usage:     "show one card: its text, review state and history",
		ArgsUsage: "CARD-ID",
		Flags:     []cli.Flag{&cli.BoolFlag{Name: "json", Usage: "print JSON"}},
		Action:    a.info,
	}
}

type infoJSON struct {
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
	Reviews     []reviewJSON `json:"reviews"`
}

type reviewJSON struct {
	At       string  `json:"at"`
	Day      string  `json:"day"`
	Quality  int     `json:"quality"`
	Kind     string  `json:"kind"`
	EF       float64 `json:"ef"`
	Interval int     `json:"interval"`
	Due      *string `json:"due"`
}

// itemState is a card's state in one word: new, review or retired.
func itemState(it srs.Item) string {
	switch {
	case it.Retired:
		return "retired"
	case it.State.IsNew():
		return "new"
	}
	return "review"
}

func (a *app) info(ctx context.Context, cmd *cli.Command) error {
	if err := maxArgs(cmd, 1); err != nil {
		return err
	}
	id := cmd.Args().First()
	if id == "" {
		return misusef("info: no CARD-ID given")
	}
	s, err := a.openStore(cmd, false)
	if err != nil {
		return fmt.Errorf("info: %w", err)
	}
	defer s.Close()
	it, err := s.Item(id)
	if err != nil {
		return cardError("info", id, err)
	}
	hist, err := s.History(it.Card.ID)
	if err != nil {
		return fmt.Errorf("info %s: %w", id, err)
	}
	st := it.State
	if cmd.Bool("json") {
		out := infoJSON{ID: it.Card.ID, Deck: it.Deck, Front: it.Card.Front, Back: it.Card.Back, State: itemState(it),
			EF: float64(st.EF) / 100, Interval: st.Interval, Repetitions: st.Repetitions, Lapses: st.Lapses,
			Leech: st.Leech, Due: dayJSON(st.Due), Reviews: []reviewJSON{}}
		for _, r := range hist {
			kind := "review"
			if r.Drill {
				kind = "drill"
			}
			out.Reviews = append(out.Reviews, reviewJSON{At: r.At.UTC().Format(time.RFC3339), Day: r.Day.String(), Quality: r.Quality,
				Kind: kind, EF: float64(r.After.EF) / 100, Interval: r.After.Interval, Due: dayJSON(r.After.Due)})
		}
		return writeJSON(a.stdout, out)
	}
	w := a.stdout
	fmt.Fprintf(w, "%s  %s\n", it.Card.ID, it.Deck)
	if it.Card.Section != "" {
		fmt.Fprintf(w, "section: %s\n", it.Card.Section)
	}
	fmt.Fprintf(w, "Q: %s\nA: %s\n", it.Card.Front, it.Card.Back)
	state := itemState(it)
	if !st.IsNew() {
		state += ", due " + st.Due.String()
	}
	if st.Leech {
		state += ", leech"
	}
	fmt.Fprintf(w, "state: %s; E-Factor %s, interval %d, repetitions %d, lapses %d\n", state, ef(st.EF), st.Interval, st.Repetitions, st.Lapses)
	for _, r := range hist {
		if r.Drill {
			fmt.Fprintf(w, "  %s  drill   %d\n", r.Day, r.Quality)
			continue
		}
		fmt.Fprintf(w, "  %s  review  %d  → interval %d, E-Factor %s, due %s\n", r.Day, r.Quality, r.After.Interval, ef(r.After.EF), r.After.Due)
	}
	return nil
}
