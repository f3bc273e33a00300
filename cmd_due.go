package main

import (
	"context"
	"fmt"

	"github.com/urfave/cli/v3"

	"spaced/internal/appenv"
	"spaced/output"
	"spaced/srs"
)

func (a *app) dueCommand() *cli.Command {
	return &cli.Command{
		Name:   "due",
		Usage:  "list what review would show now, in order",
		Flags:  append([]cli.Flag{&cli.BoolFlag{Name: "json", Usage: "print a JSON array"}}, appenv.FilterFlags()...),
		Action: a.due,
	}
}

func (a *app) due(ctx context.Context, cmd *cli.Command) error {
	if err := appenv.MaxArgs(cmd, 0); err != nil {
		return err
	}
	s, day, err := a.Study(ctx, cmd, "due", false)
	if err != nil {
		return err
	}
	defer s.Close()
	q, err := s.Queue(day, srs.DefaultLimits, a.StudyFilter(cmd, s))
	if err != nil {
		return fmt.Errorf("due: %w", err)
	}
	if cmd.Bool("json") {
		return output.DueJSON(a.Stdout, q)
	}
	if len(q.Cards) == 0 {
		a.Notef("nothing due on %s", day)
		return nil
	}
	if err := output.Due(a.Stdout, q, a.Width()); err != nil {
		return err
	}
	if q.Siblings > 0 {
		a.Notef("%s: %d review, %d new, %d drill; %s wait for a later day (one card of a note a day)", day, q.Review, q.New, q.Drill, output.Plural(q.Siblings, "sibling card"))
	} else {
		a.Notef("%s: %d review, %d new, %d drill", day, q.Review, q.New, q.Drill)
	}
	return nil
}
