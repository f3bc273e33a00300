package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"spaced/internal/appenv"
	"spaced/output"

	"github.com/urfave/cli/v3"
)

func (a *app) cardsCommand() *cli.Command {
	return &cli.Command{
		Name:   "cards",
		Usage:  "list the cards of the collection with their IDs and state, in deck order",
		Flags:  append([]cli.Flag{&cli.BoolFlag{Name: "json", Usage: "print a JSON array"}}, appenv.FilterFlags()...),
		Action: a.cards,
	}
}

func (a *app) cards(ctx context.Context, cmd *cli.Command) error {
	if err := appenv.MaxArgs(cmd, 0); err != nil {
		return err
	}
	s, err := a.OpenStudy(ctx, cmd, false)
	if err != nil {
		return fmt.Errorf("cards: %w", err)
	}
	defer s.Close()
	items, err := s.Cards(a.StudyFilter(cmd, s), true)
	if err != nil {
		return fmt.Errorf("cards: %w", err)
	}
	if cmd.Bool("json") {
		return output.CardsJSON(a.Stdout, items)
	}
	day, _ := a.StudyDay(cmd)
	return output.Cards(a.Stdout, items, day, a.Width())
}

func (a *app) decksCommand() *cli.Command {
	return &cli.Command{
		Name:   "decks",
		Usage:  "list the decks of the collection with their counts",
		Action: a.decks,
	}
}

func (a *app) decks(ctx context.Context, cmd *cli.Command) error {
	if err := appenv.MaxArgs(cmd, 0); err != nil {
		return err
	}
	day, err := a.StudyDay(cmd)
	if err != nil {
		return err
	}
	s, err := a.OpenStore(cmd, false)
	if errors.Is(err, fs.ErrNotExist) {
		a.Notef("no collection yet; add a deck with 'spaced add SOURCE'")
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
		a.Notef("no decks in the collection yet; add one with 'spaced add SOURCE'")
		return nil
	}
	return output.Decks(a.Stdout, ds, a.Width())
}
