package main

import (
	"github.com/urfave/cli/v3"

	"spaced/internal/ankicmd"
)

// commands lists the subcommands; each is built in its own file.
func (a *app) commands() []*cli.Command {
	return append([]*cli.Command{
		a.compileCommand(),
		a.addCommand(),
		a.dueCommand(),
		a.gradeCommand(),
		a.undoCommand(),
		a.infoCommand(),
		a.cardsCommand(),
		a.statsCommand(),
		a.decksCommand(),
		a.reviewCommand(),
		a.exportCommand(),
		ankicmd.Import(a.App),
		a.versionCommand(),
		a.manCommand(),
	}, a.manageCommands()...)
}
