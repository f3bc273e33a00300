package main

import (
	"context"
	"fmt"
	"spaced/output"

	"github.com/urfave/cli/v3"
)

func (a *app) statsCommand() *cli.Command {
	return &cli.Command{
		Name:   "stats",
		Usage:  "count cards by state, today's work, a 30-day forecast, retention and streak",
		Flags:  append([]cli.Flag{&cli.BoolFlag{Name: "json", Usage: "print JSON"}}, filterFlags()...),
		Action: a.stats,
	}
}

func (a *app) stats(ctx context.Context, cmd *cli.Command) error {
	if err := maxArgs(cmd, 0); err != nil {
		return err
	}
	s, day, err := a.study(ctx, cmd, "stats", false)
	if err != nil {
		return err
	}
	defer s.Close()
	st, err := s.Stats(day, a.studyFilter(cmd, s))
	if err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	if cmd.Bool("json") {
		return output.StatsJSON(a.stdout, st, day)
	}
	output.Stats(a.stdout, st, day, isTerminal(a.stdoutFile) && a.getenv("NO_COLOR") == "")
	return nil
}
