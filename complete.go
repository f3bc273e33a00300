package main

import (
	"context"
	"fmt"
	"spaced/output"
	"strings"

	"github.com/urfave/cli/v3"
)

// completeCards completes card IDs for the shell, from the collection
// (read-only; nothing when there is none), with the front as the
// description for shells that show one.
func (a *app) completeCards(ctx context.Context, cmd *cli.Command) {
	s, err := a.openStore(cmd, false)
	if err != nil {
		return
	}
	defer s.Close()
	items, err := s.Cards(readFilter(cmd), false)
	if err != nil {
		return
	}
	for _, it := range items {
		fmt.Fprintf(cmd.Root().Writer, "%s:%s\n", it.Card.ID, strings.ReplaceAll(output.Short(it.Card.Front, 60), ":", `\:`))
	}
}

// completeDecks completes deck names for the shell.
func (a *app) completeDecks(ctx context.Context, cmd *cli.Command) {
	s, err := a.openStore(cmd, false)
	if err != nil {
		return
	}
	defer s.Close()
	ds, err := s.Decks(0)
	if err != nil {
		return
	}
	for _, d := range ds {
		fmt.Fprintln(cmd.Root().Writer, strings.ReplaceAll(d.Name, ":", `\:`))
	}
}
