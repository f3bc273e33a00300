package main

import (
	"context"
	"fmt"
	"spaced/internal/appenv"
	"spaced/internal/manpage"

	"github.com/urfave/cli/v3"
)

func (a *app) versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print the version",
		Action: func(_ context.Context, cmd *cli.Command) error {
			if err := appenv.MaxArgs(cmd, 0); err != nil {
				return err
			}
			_, err := fmt.Fprintf(a.Stdout, "spaced version %s\n", version)
			return err
		},
	}
}

func (a *app) manCommand() *cli.Command {
	return &cli.Command{
		Name:  "man",
		Usage: "print the manual page (roff): spaced man | man -l -",
		Action: func(_ context.Context, cmd *cli.Command) error {
			if err := appenv.MaxArgs(cmd, 0); err != nil {
				return err
			}
			return manpage.Write(a.Stdout, cmd.Root(), manpage.Page{Version: version, Description: manDescription, Environment: manEnvironment, Exit: manExit,
				SeeAlso: "The README.md and docs/ of the source, which describe the chapter shapes, the deck file, the JSON output, SM-2 and the Anki and PDF formats."})
		},
	}
}

const (
	manDescription = "spaced turns a course chapter (a web page saved as text, Markdown notes, an HTML page) into a flashcard deck, schedules a short review every day with the SM-2 algorithm in an SQLite collection, and exports decks to Anki and to printable PDF cheat sheets and cards."
	manEnvironment = "SPACED_DB, SPACED_TODAY, SPACED_ROLLOVER and SPACED_KEYS give the flags of those names; XDG_DATA_HOME and HOME place the collection; SOURCE_DATE_EPOCH dates the exports; NO_COLOR turns colour off; VISUAL or EDITOR is the editor of spaced edit."
	manExit        = "0 success, 1 failure, 2 misuse, 70 an internal error, 128 + n when ended by signal n."
)
