package main

import (
	"context"
	"fmt"

	"github.com/urfave/cli/v3"

	"spaced/output"
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
		return output.DueJSON(a.stdout, q)
	}
	if len(q.Cards) == 0 {
		a.notef("nothing due on %s", day)
		return nil
	}
	if err := output.Due(a.stdout, q, a.width()); err != nil {
		return err
	}
	if q.Siblings > 0 {
		a.notef("%s: %d review, %d new, %d drill; %s wait for a later day (one card of a note a day)", day, q.Review, q.New, q.Drill, output.Plural(q.Siblings, "sibling card"))
	} else {
		a.notef("%s: %d review, %d new, %d drill", day, q.Review, q.New, q.Drill)
	}
	return nil
}
