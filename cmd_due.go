package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v3"

	"spaced/srs"
)

func (a *app) dueCommand() *cli.Command {
	return &cli.Command{
		Name:   "due",
		Usage:  "list what review would show now, in order",
		Flags:  append([]cli.Flag{&cli.BoolFlag{Name: "json", Usage: "print a JSON array"}}, filterFlags()...),
		Action: a.due,
	}
}

// dueJSON is one card of 'due --json'.
type dueJSON struct {
	ID    string  `json:"id"`
	Deck  string  `json:"deck"`
	Front string  `json:"front"`
	Due   *string `json:"due"`
	State string  `json:"state"`
	Leech bool    `json:"leech,omitempty"`
}

func (a *app) due(ctx context.Context, cmd *cli.Command) error {
	if err := maxArgs(cmd, 0); err != nil {
		return err
	}
	s, day, err := a.study(ctx, cmd, "due", false)
	if err != nil {
		return err
	}
	defer s.Close()
	q, err := s.Queue(day, srs.DefaultLimits, a.studyFilter(cmd, s))
	if err != nil {
		return fmt.Errorf("due: %w", err)
	}
	if cmd.Bool("json") {
		out := make([]dueJSON, 0, len(q.Cards))
		for _, c := range q.Cards {
			out = append(out, dueJSON{ID: c.Card.ID, Deck: c.Deck, Front: c.Card.Front, Due: dayJSON(c.State.Due), State: c.Kind, Leech: c.State.Leech})
		}
		return writeJSON(a.stdout, out)
	}
	if len(q.Cards) == 0 {
		a.notef("nothing due on %s", day)
		return nil
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	for _, c := range q.Cards {
		due := c.State.Due.String()
		if due == "" {
			due = "-"
		}
		kind := c.Kind
		if c.State.Leech {
			kind += " leech"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", c.Card.ID, kind, due, c.Deck, oneLine(c.Card.Front))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	a.notef("%s: %d review, %d new, %d drill", day, q.Review, q.New, q.Drill)
	return nil
}

// dayJSON returns d as a JSON date, or nil (null) for the zero day.
func dayJSON(d srs.Day) *string {
	if d.IsZero() {
		return nil
	}
	s := d.String()
	return &s
}

// writeJSON writes v as indented JSON, without escaping HTML characters.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// oneLine returns text on one line, its line breaks turned into spaces and
// tabs removed (for a table).
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
