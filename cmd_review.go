package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"syscall"

	"github.com/urfave/cli/v3"
	"golang.org/x/term"

	"spaced/internal/appenv"
	"spaced/internal/exit"
	"spaced/review"
	"spaced/srs"
)

func (a *app) reviewCommand() *cli.Command {
	return &cli.Command{
		Name:  "review",
		Usage: "review today's cards: keys on a terminal, one line per card through a pipe",
		Description: "On a terminal: Space or Enter shows the back, 0-5 grades (with --keys anki: 1 Again,\n" +
			"2 Hard, 3 Good, 4 Easy, Space Good), u undoes, s skips, - buries, @ suspends, ? shows the keys,\n" +
			"arrows, j, k, PgUp, PgDn, Home and End scroll a long card, q quits.\n" +
			"With stdin not a terminal, each card is printed as \"[n/N] DECK · SECTION\", \"Q: FRONT\",\n" +
			"\"A: BACK\" and a line \".\", then one line is read: a grade, s, u, -, @ or q (blank lines ignored).",
		Flags: append([]cli.Flag{
			&cli.IntFlag{Name: "new", Value: srs.DefaultLimits.New, Usage: "at most `N` new cards today, counted from the log"},
			&cli.IntFlag{Name: "limit", Value: srs.DefaultLimits.Review, Usage: "at most `N` due reviews today, counted from the log"},
			&cli.BoolFlag{Name: "practice", Usage: "go through the filtered cards once, grades logged as practice: no schedule changes, no limit counts"},
			&cli.BoolFlag{Name: "weak", Usage: "with --practice: only the cards the collection rates hard, hardest first"},
			&cli.IntFlag{Name: "ahead", Usage: "with --practice: only the cards due within `N` days, soonest first"},
			&cli.StringFlag{Name: "keys", Value: "sm2", Usage: "the grade keys, `SET`: sm2 (0-5, SM-2's qualities) or anki (1 Again, 2 Hard, 3 Good, 4 Easy; Space Good)", Sources: a.EnvSource("SPACED_KEYS")},
		}, appenv.FilterFlags()...),
		Action: a.review,
	}
}

// reviewOptions are the flags of review.
type reviewOptions struct {
	limits   srs.Limits
	keys     review.Keys
	practice bool
	weak     bool
	ahead    int // days, with practice; -1 when not given
}

func readReviewOptions(cmd *cli.Command) (reviewOptions, error) {
	o := reviewOptions{limits: srs.DefaultLimits}
	k, err := review.ParseKeys(cmd.String("keys"))
	if err != nil {
		return o, exit.Misusef("review: --keys: %v", err)
	}
	o.keys = k
	o.practice, o.weak, o.ahead = cmd.Bool("practice"), cmd.Bool("weak"), -1
	if cmd.IsSet("ahead") {
		if o.ahead = int(cmd.Int("ahead")); o.ahead < 0 {
			return o, exit.Misusef("review: --ahead must be 0 or more, not %d", o.ahead)
		}
	}
	switch {
	case (o.weak || o.ahead >= 0) && !o.practice:
		return o, exit.Misusef("review: --weak and --ahead go with --practice")
	case o.weak && o.ahead >= 0:
		return o, exit.Misusef("review: --weak or --ahead, not both")
	}
	for _, f := range []struct {
		name string
		v    *int
	}{{"new", &o.limits.New}, {"limit", &o.limits.Review}} {
		if cmd.IsSet(f.name) {
			n := cmd.Int(f.name)
			if n < 0 {
				return o, exit.Misusef("review: --%s must be 0 or more, not %d", f.name, n)
			}
			*f.v = int(n)
		}
	}
	return o, appenv.MaxArgs(cmd, 0)
}

// review runs a sitting on the terminal when standard input is one, else
// with the line protocol, and prints its summary however it ends.
func (a *app) review(ctx context.Context, cmd *cli.Command) error {
	o, err := readReviewOptions(cmd)
	if err != nil {
		return err
	}
	s, day, err := a.Study(ctx, cmd, "review", true)
	if err != nil {
		return err
	}
	defer s.Close()
	f := a.StudyFilter(cmd, s)
	var store review.Store = s
	if o.practice {
		cards, err := s.PracticeCards(f, day, o.weak, o.ahead)
		if err != nil {
			return fmt.Errorf("review --practice: %w", err)
		}
		store = review.Practice(s, cards)
	}
	r := review.New(store, day, o.limits, f, a.Now)
	r.Keys, r.Practice = o.keys, o.practice
	if in, ok := a.Stdin.(*os.File); ok && term.IsTerminal(int(in.Fd())) {
		err = a.reviewTerminal(ctx, r, in)
	} else {
		err = review.RunLines(ctx, r, a.Stdin, a.Stdout, func(msg string) { a.Notef("review: %s", msg) })
	}
	return a.endSitting(r, err)
}

// endSitting prints the summary of sitting r, however it ended (err, its
// error: a bad line is misuse, Ctrl-C and signals print the summary first).
func (a *app) endSitting(r *review.Session, err error) error {
	var le *review.LineError
	switch {
	case errors.As(err, &le):
		return exit.Misusef("review: %v", le)
	case errors.Is(err, review.ErrInterrupted):
		err = exit.Signal{Sig: syscall.SIGINT}
	case err != nil && !errors.As(err, new(exit.Signal)):
		return fmt.Errorf("review: %w", err)
	}
	sum, serr := r.Summary()
	if serr != nil {
		return fmt.Errorf("review: %w", serr)
	}
	if werr := sum.Write(a.Stdout); werr != nil {
		return werr
	}
	if err != nil {
		return fmt.Errorf("review: %w", err)
	}
	return nil
}
