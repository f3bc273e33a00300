package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v3"

	"spaced/internal/collection"
	"spaced/internal/exit"
	"spaced/srs"
)

// studyDay returns the study day of this run: --today (SPACED_TODAY) when
// given, else the day a.now() falls in with the --rollover hour. It is
// computed once, before any command runs (checkStudyDay), so that every
// command refuses a malformed --today or --rollover the same way, as
// misuse.
func (a *app) studyDay(cmd *cli.Command) (srs.Day, error) {
	if a.dayErr != nil || a.day != 0 {
		return a.day, a.dayErr
	}
	a.day, a.dayErr = a.readStudyDay(cmd)
	return a.day, a.dayErr
}

func (a *app) readStudyDay(cmd *cli.Command) (srs.Day, error) {
	if s := cmd.String("today"); s != "" {
		d, err := srs.ParseStudyDay(s)
		if err != nil {
			from := ""
			if a.getenv("SPACED_TODAY") == s {
				from = " (from SPACED_TODAY)"
			}
			return 0, exit.Misusef("--today: %v%s", err, from)
		}
		return d, nil
	}
	h := cmd.Int("rollover")
	if h < 0 || h > 23 {
		return 0, exit.Misusef("--rollover: %d is not an hour (want 0 to 23)", h)
	}
	return srs.StudyDay(a.now(), int(h)), nil
}

// checkStudyDay is the Before of every command: it computes the study day
// of the run.
func (a *app) checkStudyDay(ctx context.Context, cmd *cli.Command) (context.Context, error) {
	_, err := a.studyDay(cmd)
	return ctx, err
}

// study returns the study day and the collection, opened as openStudy
// does, for the command named verb; errors from opening name the verb.
func (a *app) study(ctx context.Context, cmd *cli.Command, verb string, write bool) (*srs.Store, srs.Day, error) {
	day, err := a.studyDay(cmd)
	if err != nil {
		return nil, 0, err
	}
	s, err := a.openStudy(ctx, cmd, write)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", verb, err)
	}
	return s, day, nil
}

// collectionPath returns the path of the collection (see collection.Path).
// A folder is made for the default collection only: a collection given by
// --db or SPACED_DB must be in a folder that exists, so a mistyped path
// makes nothing.
func (a *app) collectionPath(cmd *cli.Command) (string, error) {
	p, err := collection.Path(cmd.String("db"), cmd.IsSet("db"), a.getenv)
	if err == nil && cmd.String("db") != "" {
		if st, serr := os.Stat(filepath.Dir(p)); serr != nil || !st.IsDir() {
			return "", exit.WithHint(fmt.Errorf("--db %s: no such folder %s", p, filepath.Dir(p)), "create the folder, or give another path")
		}
	}
	return p, err
}

// openStore opens the collection (see collection.Open).
func (a *app) openStore(cmd *cli.Command, write bool) (*srs.Store, error) {
	p, err := a.collectionPath(cmd)
	if err != nil {
		return nil, err
	}
	return collection.Open(p, write)
}

// openStudy opens the collection for a command that studies it, with a
// note when the built-in deck was added (see collection.OpenStudy).
func (a *app) openStudy(ctx context.Context, cmd *cli.Command, write bool) (*srs.Store, error) {
	p, err := a.collectionPath(cmd)
	if err != nil {
		return nil, err
	}
	s, added, err := collection.OpenStudy(ctx, p, write, a.now())
	if added != nil {
		a.notef("the collection was empty: added the built-in deck %s (%d cards)", added.Deck, added.Cards)
	}
	return s, err
}
