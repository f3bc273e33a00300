package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"

	"github.com/urfave/cli/v3"

	"spaced/internal/appenv"
	"spaced/internal/exit"
	"spaced/output"
	"spaced/srs"
)

func (a *app) gradeCommand() *cli.Command {
	return &cli.Command{
		Name:      "grade",
		Usage:     "grade a card: 5 perfect … 3 hard but right, 2 … 0 wrong",
		ArgsUsage: "CARD-ID QUALITY",
		Action:    a.grade,
	}
}

func (a *app) grade(ctx context.Context, cmd *cli.Command) error {
	if err := appenv.MaxArgs(cmd, 2); err != nil {
		return err
	}
	if cmd.NArg() < 2 {
		return exit.Misusef("grade: want CARD-ID QUALITY")
	}
	id, qs := cmd.Args().Get(0), cmd.Args().Get(1)
	q, err := strconv.Atoi(qs)
	if err != nil || !srs.ValidQuality(q) {
		return exit.Misusef("grade: quality must be 0 to 5, not %q", qs)
	}
	s, day, err := a.Study(ctx, cmd, "grade", true)
	if err != nil {
		return err
	}
	defer s.Close()
	g, err := s.Grade(id, q, day, a.Now())
	if err != nil {
		if full, rerr := s.Resolve(id); rerr == nil {
			id = full // name the card in full, whatever prefix was typed
		}
		return cardError("grade", id, err)
	}
	fmt.Fprintln(a.Stdout, output.Graded(g))
	return nil
}

func (a *app) undoCommand() *cli.Command {
	return &cli.Command{
		Name:   "undo",
		Usage:  "undo the last grade of the study day (repeat to walk back)",
		Action: a.undo,
	}
}

func (a *app) undo(ctx context.Context, cmd *cli.Command) error {
	if err := appenv.MaxArgs(cmd, 0); err != nil {
		return err
	}
	day, err := a.StudyDay(cmd)
	if err != nil {
		return err
	}
	if p, err := a.CollectionPath(cmd); err == nil {
		if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
			return srs.ErrNothingToUndo
		}
	}
	s, err := a.OpenStore(cmd, true)
	if err != nil {
		return fmt.Errorf("undo: %w", err)
	}
	defer s.Close()
	u, err := s.Undo(day, a.Now())
	if errors.Is(err, srs.ErrNothingToUndo) {
		return err
	}
	if err != nil {
		return fmt.Errorf("undo: %w", err)
	}
	fmt.Fprintln(a.Stdout, output.Undone(u))
	return nil
}

// cardError adds the verb and the card ID the user gave to an error of the
// store, with a hint where one helps.
func cardError(verb, id string, err error) error {
	if id != "" {
		verb += " " + id
	}
	err = fmt.Errorf("%s: %w", verb, err)
	switch {
	case errors.Is(err, srs.ErrNoSuchCard):
		return exit.WithHint(err, "'spaced cards' lists the card IDs")
	case errors.Is(err, srs.ErrAmbiguous):
		return exit.WithHint(err, "give more characters of the ID")
	}
	return err
}
