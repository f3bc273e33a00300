package main

import (
	"context"
	"fmt"
	"spaced/internal/appenv"
	"spaced/internal/exit"
	"spaced/output"

	"github.com/urfave/cli/v3"
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

func (a *app) info(ctx context.Context, cmd *cli.Command) error {
	if err := appenv.MaxArgs(cmd, 1); err != nil {
		return err
	}
	id := cmd.Args().First()
	if id == "" {
		return exit.Misusef("info: no CARD-ID given")
	}
	s, err := a.OpenStore(cmd, false)
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
	if cmd.Bool("json") {
		return output.InfoJSON(a.Stdout, it, hist)
	}
	output.Info(a.Stdout, it, hist)
	return nil
}
