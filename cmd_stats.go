package main

import (
	"context"
	"fmt"
	"spaced/internal/appenv"
	"spaced/output"

	"github.com/urfave/cli/v3"
)

func (a *app) statsCommand() *cli.Command {
	return &cli.Command{
		Name:   "stats",
		Usage:  "count cards by state, today's work, a 30-day forecast, retention and streak",
		Flags:  append([]cli.Flag{&cli.BoolFlag{Name: "json", Usage: "print JSON"}}, appenv.FilterFlags()...),
		Action: a.stats,
	}
}

func (a *app) stats(ctx context.Context, cmd *cli.Command) error {
	if err := appenv.MaxArgs(cmd, 0); err != nil {
		return err
	}
	s, day, err := a.Study(ctx, cmd, "stats", false)
	if err != nil {
		return err
	}
	defer s.Close()
	st, err := s.Stats(day, a.StudyFilter(cmd, s))
	if err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	if cmd.Bool("json") {
		return output.StatsJSON(a.Stdout, st, day)
	}
	output.Stats(a.Stdout, st, day, appenv.IsTerminal(a.StdoutFile) && a.Getenv("NO_COLOR") == "")
	return nil
}
