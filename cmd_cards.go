package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"text/tabwriter"

	"github.com/urfave/cli/v3"
)

func (a *app) cardsCommand() *cli.Command {
	return &cli.Command{
		Name:   "cards",
		Usage:  "list the cards of the collection with their IDs and state, in deck order",
		Flags:  append([]cli.Flag{&cli.BoolFlag{Name: "json", Usage: "print a JSON array"}}, filterFlags()...),
		Action: a.cards,
	}
}

// cardJSON is one card of 'cards --json'.
type cardJSON struct {
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

func (a *app) cards(ctx context.Context, cmd *cli.Command) error {
	if err := maxArgs(cmd, 0); err != nil {
		return err
	}
	s, err := a.openStudy(ctx, cmd, false)
	if err != nil {
		return fmt.Errorf("cards: %w", err)
	}
	defer s.Close()
	items, err := s.Cards(a.studyFilter(cmd, s), true)
	if err != nil {
		return fmt.Errorf("cards: %w", err)
	}
	if cmd.Bool("json") {
		out := make([]cardJSON, 0, len(items))
		for _, it := range items {
			st := it.State
			tags := it.Card.Tags
			if tags == nil {
				tags = []string{}
			}
			out = append(out, cardJSON{ID: it.Card.ID, Deck: it.Deck, Section: it.Card.Section, Kind: string(it.Card.Kind),
				Front: it.Card.Front, Tags: tags, State: itemState(it), EF: float64(st.EF) / 100, Interval: st.Interval,
				Repetitions: st.Repetitions, Lapses: st.Lapses, Leech: st.Leech, Due: dayJSON(st.Due)})
		}
		return writeJSON(a.stdout, out)
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	for _, it := range items {
		due := it.State.Due.String()
		if due == "" {
			due = "-"
		}
		state := itemState(it)
		if it.State.Leech {
			state += " leech"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", it.Card.ID, state, due, it.Deck, oneLine(it.Card.Front))
	}
	return tw.Flush()
}

func (a *app) decksCommand() *cli.Command {
	return &cli.Command{
		Name:   "decks",
		Usage:  "list the decks of the collection with their counts",
		Action: a.decks,
	}
}

func (a *app) decks(ctx context.Context, cmd *cli.Command) error {
	if err := maxArgs(cmd, 0); err != nil {
		return err
	}
	day, err := a.studyDay(cmd)
	if err != nil {
		return err
	}
	s, err := a.openStore(cmd, false)
	if errors.Is(err, fs.ErrNotExist) {
		a.notef("no collection yet; add a deck with 'spaced add SOURCE'")
		return nil
	}
	if err != nil {
		return fmt.Errorf("decks: %w", err)
	}
	defer s.Close()
	ds, err := s.Decks(day)
	if err != nil {
		return fmt.Errorf("decks: %w", err)
	}
	if len(ds) == 0 {
		a.notef("no decks in the collection yet; add one with 'spaced add SOURCE'")
		return nil
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	for _, d := range ds {
		fmt.Fprintf(tw, "%s\t%d cards\t%d new\t%d due\t%d retired\t%d leech\t%s\n", d.Name, d.Cards, d.New, d.Due, d.Retired, d.Leech, d.Source)
	}
	return tw.Flush()
}
