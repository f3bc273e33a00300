package main

import (
	"context"
	"errors"

	"github.com/urfave/cli/v3"
)

func (a *app) exportAnkiCommand() *cli.Command {
	return &cli.Command{
		Name:  "anki",
		Usage: "write a CSV file that Anki imports",
		Action: func(context.Context, *cli.Command) error {
			return errors.New("export anki: not built yet")
		},
	}
}
