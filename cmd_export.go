package main

import (
	"context"

	"github.com/urfave/cli/v3"

	"spaced/internal/ankicmd"
	"spaced/internal/exit"
)

func (a *app) exportCommand() *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write decks as an Anki package or CSV file, or a printable PDF",
		Commands: []*cli.Command{
			ankicmd.ExportCSV(a.App),
			ankicmd.ExportPackage(a.App),
			a.exportPDFCommand(),
		},
		Action: func(_ context.Context, cmd *cli.Command) error {
			if cmd.NArg() > 0 {
				return exit.Misusef("export: unknown format %q (want apkg, anki or pdf)", cmd.Args().First())
			}
			return exit.Misusef("export: which format? 'spaced export apkg', 'spaced export anki' or 'spaced export pdf'")
		},
	}
}
