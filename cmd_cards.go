package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"spaced/output"

	"github.com/urfave/cli/v3"
)

func (a *app) cardsCommand() *cli.Command {
	return &cli.Command{
		Name:   "cards",
		Usage:  "list the cards of the collection with their IDs and state, in deck order",
		Flags:  append([]cli.Flag{&cli.BoolFlag{Name: "json", Usage: "print a JSON array"}}, filterFlags()...),
		Action: a.cards,
	}
}

func (a *app) cards(ctx context.Context, cmd *cli.Command) error {
	if err := maxArgs(cmd, 0); err != nil {
		return err
	}
	s, err := a.openStudy(ctx, cmd, false)
	if err != nil {
		return fmt.Errorf("cards: %w", err)
	}
	defer s.Close()
	items, err := s.Cards(a.studyFilter(cmd, s), true)
	if err != nil {
		return fmt.Errorf("cards: %w", err)
	}
	if cmd.Bool("json") {
		return output.CardsJSON(a.stdout, items)
	}
	day, _ := a.studyDay(cmd)
	return output.Cards(a.stdout, items, day, a.width())
}

func (a *app) decksCommand() *cli.Command {
	return &cli.Command{
		Name:   "decks",
		Usage:  "list the decks of the collection with their counts",
		Action: a.decks,
	}
}

func (a *app) decks(ctx context.Context, cmd *cli.Command) error {
	if err := maxArgs(cmd, 0); err != nil {
		return err
	}
	day, err := a.studyDay(cmd)
	if err != nil {
		return err
	}
	s, err := a.openStore(cmd, false)
	if errors.Is(err, fs.ErrNotExist) {
		a.notef("no collection yet; add a deck with 'spaced add SOURCE'")
		return nil
	}
	if err != nil {
		return fmt.Errorf("decks: %w", err)
	}
	defer s.Close()
	ds, err := s.Decks(day)
	if err != nil {
		return fmt.Errorf("decks: %w", err)
	}
	if len(ds) == 0 {
		a.notef("no decks in the collection yet; add one with 'spaced add SOURCE'")
		return nil
	}
	return output.Decks(a.stdout, ds, a.width())
}
