package main

import (
	"context"
	"errors"

	"github.com/urfave/cli/v3"
)

func (a *app) exportPDFCommand() *cli.Command {
	return &cli.Command{
		Name:  "pdf",
		Usage: "write a printable PDF cheat sheet or cut-out cards",
		Action: func(context.Context, *cli.Command) error {
			return errors.New("export pdf: not built yet")
		},
	}
}
