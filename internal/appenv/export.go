package appenv

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v3"

	"spaced/export"
	"spaced/internal/collection"
	"spaced/internal/exit"
	"spaced/internal/files"
	"spaced/srs"
)

// ExportCards returns the cards an exporter writes (collection.ExportCards):
// of the SOURCE files, else of the collection, else of the built-in deck;
// with weak, those the collection rates hard on the study day. It fails
// with a hint when the filter leaves nothing.
func (a *App) ExportCards(ctx context.Context, cmd *cli.Command, weak bool) ([]export.Card, error) {
	cards, _, err := a.exportCards(ctx, cmd, collection.Selection{Weak: weak})
	return cards, err
}

// ExportItems is ExportCards that also returns the collection's cards the
// cards to export were made from, in the same order; nil when they came
// from the SOURCE files or the built-in deck.
func (a *App) ExportItems(ctx context.Context, cmd *cli.Command) ([]export.Card, []srs.Item, error) {
	return a.exportCards(ctx, cmd, collection.Selection{KeepItems: true})
}

func (a *App) exportCards(ctx context.Context, cmd *cli.Command, sel collection.Selection) ([]export.Card, []srs.Item, error) {
	if err := a.CheckOutput(cmd); err != nil {
		return nil, nil, err
	}
	weak := sel.Weak
	sel.Filter = ReadFilter(cmd)
	for _, path := range cmd.Args().Slice() {
		d, err := a.LoadDeck(ctx, path, "")
		if err != nil {
			return nil, nil, err
		}
		sel.Sources = append(sel.Sources, d)
	}
	var err error
	if sel.DB, err = a.CollectionPath(cmd); err != nil && len(sel.Sources) == 0 {
		return nil, nil, err
	}
	if sel.Day, err = a.StudyDay(cmd); err != nil {
		return nil, nil, err
	}
	if st, err := os.Stat(sel.DB); err == nil && len(sel.Sources) == 0 {
		// An export holds the collection's cards about as large as the
		// file, twice while it makes them: the collector keeps close.
		files.Budget(st.Size())
	}
	cards, items, err := collection.ExportCards(sel)
	switch {
	case errors.Is(err, collection.ErrNoCards) && weak:
		return nil, nil, exit.WithHint(fmt.Errorf("%s --weak: no weak cards", Verb(cmd)),
			"weak cards have an E-Factor below 2.0, a lapse in the last 30 days, or the leech flag; check the filters")
	case errors.Is(err, collection.ErrNoCards):
		return nil, nil, exit.WithHint(fmt.Errorf("%s: no cards to export", Verb(cmd)),
			"check --deck, --tag and --section; 'spaced decks' lists the decks")
	}
	return cards, items, err
}

// CheckOutput refuses an -o path that names one of the command's SOURCE
// files or the collection, which the export would otherwise replace.
func (a *App) CheckOutput(cmd *cli.Command) error {
	out := cmd.String("output")
	if out == "" || out == "-" {
		return nil
	}
	for _, src := range cmd.Args().Slice() {
		if files.Same(out, src) {
			return exit.WithHint(fmt.Errorf("%s: -o %s is the SOURCE %s; not overwriting it", Verb(cmd), out, src), "choose another -o path")
		}
	}
	if db, err := a.CollectionPath(cmd); err == nil {
		for _, p := range []string{db, db + "-wal", db + "-shm"} {
			if files.Same(out, p) {
				return exit.WithHint(fmt.Errorf("%s: -o %s is the collection; not overwriting it", Verb(cmd), out), "choose another -o path")
			}
		}
	}
	return nil
}

// Verb names the command for messages: "export anki".
func Verb(cmd *cli.Command) string {
	return strings.TrimPrefix(cmd.FullName(), cmd.Root().Name+" ")
}

// ExportTime returns the instant an export carries: SOURCE_DATE_EPOCH when set, else
// the study day, at midnight UTC.
func (a *App) ExportTime(cmd *cli.Command) (time.Time, error) {
	if s := a.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 || n > 253402300799 {
			return time.Time{}, exit.Misusef("SOURCE_DATE_EPOCH=%q: not a number of seconds since 1970", s)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	day, err := a.StudyDay(cmd)
	if err != nil {
		return time.Time{}, err
	}
	return day.Time(), nil
}
