package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v3"

	"spaced/srs"
)

// collectionPath returns the path of the collection: --db (or SPACED_DB),
// else $XDG_DATA_HOME/spaced/collection.db, else
// ~/.local/share/spaced/collection.db.
func (a *app) collectionPath(cmd *cli.Command) (string, error) {
	if p := cmd.String("db"); p != "" {
		return p, nil
	}
	if cmd.IsSet("db") {
		return "", misusef("--db: empty path")
	}
	if x := a.getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "spaced", "collection.db"), nil
	}
	if h := a.getenv("HOME"); h != "" {
		return filepath.Join(h, ".local", "share", "spaced", "collection.db"), nil
	}
	return "", withHint(errors.New("cannot find the collection: HOME is not set"), "give its path with --db PATH or SPACED_DB")
}

// openStore opens the collection. With write true it creates the collection
// and its folder when missing (folder mode 0700, file mode 0600) and applies
// pending migrations; with write false it never writes, and a missing
// collection is an error that matches fs.ErrNotExist. Errors carry the path
// and a hint.
func (a *app) openStore(cmd *cli.Command, write bool) (*srs.Store, error) {
	p, err := a.collectionPath(cmd)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
		if !write {
			return nil, withHint(fmt.Errorf("%s: no collection yet: %w", p, fs.ErrNotExist), "add a chapter or deck file with 'spaced add SOURCE'")
		}
		if err := createCollection(p); err != nil {
			return nil, err
		}
	}
	mode := srs.Read
	if write {
		mode = srs.Write
	}
	s, err := srs.Open(p, mode)
	switch {
	case errors.Is(err, srs.ErrReadOnly):
		return nil, withHint(err, "check the permissions of the file and its folder, or use another collection with --db PATH")
	case errors.Is(err, srs.ErrNotCollection):
		return nil, withHint(err, "the file was left as it is; give another path with --db PATH or SPACED_DB")
	case errors.Is(err, srs.ErrNeedsMigration):
		return nil, withHint(err, "it is read-only: let spaced write it once, or use another collection with --db PATH")
	case errors.Is(err, srs.ErrDamaged):
		return nil, withHint(err, "the file was left as it is; restore a copy, or start another collection with --db PATH")
	case errors.Is(err, srs.ErrNewerSchema):
		return nil, withHint(err, "use a newer spaced with this collection; the file was left as it is")
	case err != nil:
		return nil, err
	}
	return s, nil
}

// createCollection creates a new collection at p, mode 0600, and its
// folder, mode 0700. A collection that another process created meanwhile is
// left as it is.
func createCollection(p string) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return withHint(fmt.Errorf("cannot create the collection folder: %w", err), "give another path with --db PATH or SPACED_DB")
	}
	err := srs.Create(p, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return withHint(fmt.Errorf("cannot create the collection: %w", err), "give another path with --db PATH or SPACED_DB")
	}
	return nil
}

// The range of --today: a card's due date, at most 36,500 days later, must
// still be a four-digit year.
var (
	minToday = srs.DayOf(1970, 1, 1)
	maxToday = srs.DayOf(2899, 12, 31)
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
		d, err := srs.ParseDay(s)
		if err == nil && (d.Sub(minToday) < 0 || d.Sub(maxToday) > 0) {
			err = fmt.Errorf("%s is out of range (%s to %s)", s, minToday, maxToday)
		}
		if err != nil {
			from := ""
			if a.getenv("SPACED_TODAY") == s {
				from = " (from SPACED_TODAY)"
			}
			return 0, misusef("--today: %v%s", err, from)
		}
		return d, nil
	}
	h := cmd.Int("rollover")
	if h < 0 || h > 23 {
		return 0, misusef("--rollover: %d is not an hour (want 0 to 23)", h)
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

// openStudy opens the collection for a command that studies it (review, due,
// grade, cards, stats). A missing or empty collection gets the built-in deck
// first, with a note on stderr. With write false the collection is opened
// read-only unless the built-in deck must be added.
func (a *app) openStudy(ctx context.Context, cmd *cli.Command, write bool) (*srs.Store, error) {
	s, err := a.openStore(cmd, write)
	if errors.Is(err, fs.ErrNotExist) {
		s, err = a.openStore(cmd, true)
		write = true
	}
	if err != nil {
		return nil, err
	}
	empty, err := s.Empty()
	if err != nil || !empty {
		return s, err
	}
	if !write {
		s.Close()
		if s, err = a.openStore(cmd, true); err != nil {
			return nil, err
		}
	}
	d, err := a.builtinDeck()
	if err == nil {
		var r srs.SyncResult
		var added bool
		if r, added, err = s.SyncIfEmpty(ctx, d, a.now()); err == nil && added {
			a.notef("the collection was empty: added the built-in deck %s (%d cards)", d.Name, r.New)
		}
	}
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("adding the built-in deck: %w", err)
	}
	return s, nil
}
