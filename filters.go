package main

import (
	"github.com/urfave/cli/v3"

	"spaced/deck"
)

// filterFlags returns the --deck, --tag and --section flags shared by the
// commands that select cards.
func filterFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "deck", Usage: "only the deck `NAME` and its children (any case)"},
		&cli.StringFlag{Name: "tag", Usage: "only cards tagged `TAG` (or TAG::…)"},
		&cli.StringFlag{Name: "section", Usage: "only cards whose section contains `TEXT` (any case)"},
	}
}

// readFilter returns the filter the command's flags give.
func readFilter(cmd *cli.Command) deck.Filter {
	return deck.Filter{Deck: cmd.String("deck"), Tag: cmd.String("tag"), Section: cmd.String("section")}
}
