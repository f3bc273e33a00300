package main

import (
	"context"

	"github.com/urfave/cli/v3"

	"spaced/internal/collection"
)

// completeCards completes card IDs for the shell (collection.CompleteCards).
func (a *app) completeCards(ctx context.Context, cmd *cli.Command) {
	if p, err := a.collectionPath(cmd); err == nil {
		collection.CompleteCards(cmd.Root().Writer, p, readFilter(cmd))
	}
}

// completeDecks completes deck names for the shell.
func (a *app) completeDecks(ctx context.Context, cmd *cli.Command) {
	if p, err := a.collectionPath(cmd); err == nil {
		collection.CompleteDecks(cmd.Root().Writer, p)
	}
}
