package main

import (
	"strings"

	"github.com/urfave/cli/v3"

	"spaced/deck"
	"spaced/internal/collection"
	"spaced/srs"
)

// filterFlags returns the --deck, --tag and --section flags shared by the
// commands that select cards.
func filterFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "deck", Usage: "only decks whose name starts with `NAME`, or matches it as a glob (SAA*), any case"},
		&cli.StringFlag{Name: "grep", Usage: "only cards whose front or back contains `TEXT` (any case)"},
		&cli.StringFlag{Name: "tag", Usage: "only cards tagged `TAG` (or TAG::…)"},
		&cli.StringFlag{Name: "section", Usage: "only cards whose section contains `TEXT` (any case)"},
	}
}

// readFilter returns the filter the command's flags give.
func readFilter(cmd *cli.Command) deck.Filter {
	return deck.Filter{Deck: cmd.String("deck"), Tag: cmd.String("tag"), Section: cmd.String("section"), Grep: cmd.String("grep")}
}

// studyFilter is readFilter for a command that studies the collection s: a
// --deck that names no deck of the collection is warned about, since the
// command will then show nothing.
func (a *app) studyFilter(cmd *cli.Command, s *srs.Store) deck.Filter {
	f := readFilter(cmd)
	if names, unknown := collection.UnknownDeck(s, f); unknown {
		a.warnf("no deck %q in the collection (it has %s)", f.Deck, strings.Join(names, ", "))
	}
	return f
}
