package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/urfave/cli/v3"

	"spaced/internal/appenv"
	"spaced/internal/editor"
	"spaced/internal/exit"
	"spaced/output"
	"spaced/srs"
)

func (a *app) manageCommands() []*cli.Command {
	cards := func(name, usage, done string, set func(*srs.Store, []string, srs.Day) ([]string, error)) *cli.Command {
		return &cli.Command{Name: name, Usage: usage, ArgsUsage: "CARD-ID...", ShellComplete: a.CompleteCards,
			Action: func(ctx context.Context, cmd *cli.Command) error { return a.setCards(ctx, cmd, done, set) }}
	}
	return []*cli.Command{
		cards("suspend", "keep cards out of every queue until unsuspended (their history kept)", "suspended",
			func(s *srs.Store, ids []string, _ srs.Day) ([]string, error) { return s.Suspend(ids, true) }),
		cards("unsuspend", "put suspended cards back in the queue", "unsuspended",
			func(s *srs.Store, ids []string, _ srs.Day) ([]string, error) { return s.Suspend(ids, false) }),
		cards("bury", "keep cards out of today's queue; they come back on the next study day", "buried until tomorrow",
			func(s *srs.Store, ids []string, day srs.Day) ([]string, error) { return s.Bury(ids, day) }),
		{Name: "edit", Usage: "edit a card's front and back in $EDITOR, keeping its ID and history", ArgsUsage: "CARD-ID",
			ShellComplete: a.CompleteCards, Action: a.edit},
		{Name: "delete-deck", Usage: "remove a deck, its cards and their review history from the collection", ArgsUsage: "DECK",
			Flags:         []cli.Flag{&cli.BoolFlag{Name: "yes", Aliases: []string{"y"}, Usage: "delete without asking"}},
			ShellComplete: a.CompleteDecks, Action: a.deleteDeck},
	}
}

// setCards runs set on the cards given as arguments and prints a line for
// each: "ID: suspended (front…)".
func (a *app) setCards(ctx context.Context, cmd *cli.Command, done string, set func(*srs.Store, []string, srs.Day) ([]string, error)) error {
	if cmd.NArg() == 0 {
		return exit.Misusef("%s: no CARD-ID given", cmd.Name)
	}
	s, day, err := a.Study(ctx, cmd, cmd.Name, true)
	if err != nil {
		return err
	}
	defer s.Close()
	ids, err := set(s, cmd.Args().Slice(), day)
	if err != nil {
		return cardError(cmd.Name, "", err)
	}
	for _, id := range ids {
		it, err := s.Item(id)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.Stdout, "%s: %s (%s)\n", id, done, output.Short(it.Card.Front, 50))
	}
	return nil
}

// edit opens the card's front and back in the user's editor and saves what
// comes back.
func (a *app) edit(ctx context.Context, cmd *cli.Command) error {
	if err := appenv.MaxArgs(cmd, 1); err != nil {
		return err
	}
	if cmd.NArg() == 0 {
		return exit.Misusef("edit: no CARD-ID given")
	}
	s, _, err := a.Study(ctx, cmd, "edit", true)
	if err != nil {
		return err
	}
	defer s.Close()
	it, err := s.Item(cmd.Args().First())
	if err != nil {
		return cardError("edit", cmd.Args().First(), err)
	}
	ed := editor.Editor{Command: a.Getenv("VISUAL"), Stdin: a.Stdin, Stdout: a.Stdout, Stderr: a.Stderr}
	if ed.Command == "" {
		ed.Command = a.Getenv("EDITOR")
	}
	if a.StdinFile != nil {
		ed.Stdin = a.StdinFile
	}
	if a.StdoutFile != nil {
		ed.Stdout = a.StdoutFile
	}
	front, back, err := ed.Card(it.Card.ID, it.Card.Front, it.Card.Back)
	if err != nil {
		return fmt.Errorf("edit %s: %w", it.Card.ID, err)
	}
	if front == strings.TrimSpace(it.Card.Front) && back == strings.TrimSpace(it.Card.Back) {
		a.Notef("%s: no change", it.Card.ID)
		return nil
	}
	if _, err := s.Edit(it.Card.ID, front, back); err != nil {
		return fmt.Errorf("edit %s: %w", it.Card.ID, err)
	}
	fmt.Fprintf(a.Stdout, "%s: edited (%s); its history is kept\n", it.Card.ID, output.Short(front, 50))
	return nil
}

// deleteDeck removes a deck after asking on a terminal, or with --yes.
func (a *app) deleteDeck(ctx context.Context, cmd *cli.Command) error {
	if err := appenv.MaxArgs(cmd, 1); err != nil {
		return err
	}
	name := cmd.Args().First()
	if name == "" {
		return exit.Misusef("delete-deck: no DECK given")
	}
	s, err := a.OpenStore(cmd, true)
	if err != nil {
		return fmt.Errorf("delete-deck: %w", err)
	}
	defer s.Close()
	ds, err := s.Decks(0)
	if err != nil {
		return fmt.Errorf("delete-deck: %w", err)
	}
	var found *srs.DeckInfo
	for i := range ds {
		if ds[i].Name == name {
			found = &ds[i]
		}
	}
	if found == nil {
		return exit.WithHint(fmt.Errorf("delete-deck: no deck %q in the collection", name), "'spaced decks' lists the decks; give the name exactly")
	}
	if !cmd.Bool("yes") {
		if err := a.confirmDelete(found); err != nil {
			return err
		}
	}
	cards, reviews, err := s.DeleteDeck(name)
	if err != nil {
		return fmt.Errorf("delete-deck: %w", err)
	}
	fmt.Fprintf(a.Stdout, "%s: deleted, with %s and %s\n", output.OneLine(name), output.Plural(cards, "card"), output.Plural(reviews, "review log row"))
	return nil
}

// confirmDelete asks on the terminal whether to delete deck d; without a
// terminal, it says --yes is needed.
func (a *app) confirmDelete(d *srs.DeckInfo) error {
	if !appenv.IsTerminal(a.StdinFile) {
		return exit.Misusef("delete-deck: give --yes to delete %q without being asked", d.Name)
	}
	fmt.Fprintf(a.Stderr, "Delete the deck %q, its %s and their review history? [y/N] ", d.Name, output.Plural(d.Cards+d.Retired, "card"))
	answer, _ := bufio.NewReader(a.Stdin).ReadString('\n')
	if a := strings.ToLower(strings.TrimSpace(answer)); a != "y" && a != "yes" {
		return errors.New("delete-deck: not deleted")
	}
	return nil
}
