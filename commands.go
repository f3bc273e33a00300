package main

import "github.com/urfave/cli/v3"

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
		a.versionCommand(),
		a.manCommand(),
	}, a.manageCommands()...)
}
