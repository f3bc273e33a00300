// Package collection finds the collection of spaced and opens it: where it
// lives, how a missing one is created, the hints its errors carry, and the
// built-in deck that an empty collection gets before study.
package collection

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"spaced/deck"
	"spaced/internal/exit"
	"spaced/output"
	"spaced/srs"
)

// Path returns the path of the collection: db (--db or SPACED_DB; set
// says it was given, even empty), else $XDG_DATA_HOME/spaced/collection.db
// (an absolute XDG_DATA_HOME), else ~/.local/share/spaced/collection.db (an
// absolute HOME; a relative one would put the collection wherever the
// command runs).
func Path(db string, set bool, getenv func(string) string) (string, error) {
	if db != "" {
		return db, nil
	}
	if set {
		return "", exit.Misusef("--db: empty path")
	}
	if x := getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "spaced", "collection.db"), nil
	}
	switch h := getenv("HOME"); {
	case h == "":
		return "", exit.WithHint(errors.New("cannot find the collection: HOME is not set"), "give its path with --db PATH or SPACED_DB")
	case !filepath.IsAbs(h):
		return "", exit.WithHint(fmt.Errorf("cannot find the collection: HOME=%q is not an absolute path", h), "give its path with --db PATH or SPACED_DB")
	default:
		return filepath.Join(h, ".local", "share", "spaced", "collection.db"), nil
	}
}

// Open opens the collection at p. With write true it creates the collection
// and its folder when missing (folder mode 0700, file mode 0600) and applies
// pending migrations; with write false it never writes, and a missing
// collection is an error that matches fs.ErrNotExist. Errors carry the path
// and a hint.
func Open(p string, write bool) (*srs.Store, error) {
	if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
		if !write {
			return nil, exit.WithHint(fmt.Errorf("%s: no collection yet: %w", p, fs.ErrNotExist), "add a chapter or deck file with 'spaced add SOURCE'")
		}
		if err := create(p); err != nil {
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
		return nil, exit.WithHint(err, "check the permissions of the file and its folder, or use another collection with --db PATH")
	case errors.Is(err, srs.ErrNotCollection):
		return nil, exit.WithHint(err, "the file was left as it is; give another path with --db PATH or SPACED_DB")
	case errors.Is(err, srs.ErrNeedsMigration):
		return nil, exit.WithHint(err, "it is read-only: let spaced write it once, or use another collection with --db PATH")
	case errors.Is(err, srs.ErrDamaged):
		return nil, exit.WithHint(err, "the file was left as it is; restore a copy, or start another collection with --db PATH")
	case errors.Is(err, srs.ErrNewerSchema):
		return nil, exit.WithHint(err, "use a newer spaced with this collection; the file was left as it is")
	case err != nil:
		return nil, err
	}
	return s, nil
}

// OpenDraft opens the collection at p for a command that fills it. When
// there is none yet it makes its folder, as Open does, and returns a draft
// of the new collection (srs.Draft) for the command to fill and publish or
// discard; else it returns the collection, opened as Open(p, true) opens
// it, and a nil draft. Either way it first removes the stale drafts of
// commands killed before they were done (srs.RemoveStaleDrafts).
func OpenDraft(p string) (*srs.Store, *srs.Draft, error) {
	if _, err := os.Lstat(p); !errors.Is(err, fs.ErrNotExist) {
		srs.RemoveStaleDrafts(p) // srs.NewDraft does it for a new one
		s, err := Open(p, true)
		return s, nil, err
	}
	if err := mkdir(p); err != nil {
		return nil, nil, err
	}
	d, err := srs.NewDraft(p, 0o600)
	if err != nil {
		return nil, nil, createError(err)
	}
	return d.Store, d, nil
}

// create creates a new collection at p, mode 0600, and its
// folder, mode 0700. A collection that another process created meanwhile is
// left as it is.
func create(p string) error {
	if err := mkdir(p); err != nil {
		return err
	}
	err := srs.Create(p, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return createError(err)
	}
	return nil
}

// mkdir makes the folder of the collection at p, mode 0700, when missing.
func mkdir(p string) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return exit.WithHint(fmt.Errorf("cannot create the collection folder: %w", err), "give another path with --db PATH or SPACED_DB")
	}
	return nil
}

func createError(err error) error {
	return exit.WithHint(fmt.Errorf("cannot create the collection: %w", err), "give another path with --db PATH or SPACED_DB")
}

// Added is the built-in deck that OpenStudy added to an empty collection.
type Added struct {
	Deck  string // its name
	Cards int
}

// OpenStudy opens the collection at p for a command that studies it
// (review, due, grade, cards, stats). A missing or empty collection gets
// the built-in deck first, at the instant now, and added says so. With
// write false the collection is opened read-only unless the built-in deck
// must be added.
func OpenStudy(ctx context.Context, p string, write bool, now time.Time) (s *srs.Store, added *Added, err error) {
	s, err = Open(p, write)
	if errors.Is(err, fs.ErrNotExist) {
		s, err = Open(p, true)
		write = true
	}
	if err != nil {
		return nil, nil, err
	}
	empty, err := s.Empty()
	if err != nil || !empty {
		return s, nil, err
	}
	if !write {
		s.Close()
		if s, err = Open(p, true); err != nil {
			return nil, nil, err
		}
	}
	path, src := deck.Builtin()
	d, _, err := deck.Compile(path, src, deck.Options{})
	if err == nil {
		var r srs.SyncResult
		var ok bool
		if r, ok, err = s.SyncIfEmpty(ctx, d, now); err == nil && ok {
			added = &Added{Deck: d.Name, Cards: r.New}
		}
	}
	if err != nil {
		s.Close()
		return nil, nil, fmt.Errorf("adding the built-in deck: %w", err)
	}
	return s, added, nil
}

// UnknownDeck returns, when f names a deck (Filter.Deck) that no deck of
// s matches, the names of the decks s has; else nil and false.
func UnknownDeck(s *srs.Store, f deck.Filter) ([]string, bool) {
	if f.Deck == "" {
		return nil, false
	}
	decks, err := s.Decks(0)
	if err != nil {
		return nil, false
	}
	var names []string
	for _, d := range decks {
		if f.MatchDeck(d.Name) {
			return nil, false
		}
		names = append(names, strconv.Quote(d.Name))
	}
	return names, true
}

// CompleteCards writes the shell completions of card IDs, from the
// collection at p (read-only; nothing when there is none): each ID with
// the start of its front as the description ("ID:front").
func CompleteCards(w io.Writer, p string, f deck.Filter) {
	s, err := Open(p, false)
	if err != nil {
		return
	}
	defer s.Close()
	items, _ := s.Cards(f, false)
	for _, it := range items {
		fmt.Fprintf(w, "%s:%s\n", it.Card.ID, strings.ReplaceAll(output.Short(it.Card.Front, 60), ":", `\:`))
	}
}

// CompleteDecks writes the shell completions of deck names.
func CompleteDecks(w io.Writer, p string) {
	s, err := Open(p, false)
	if err != nil {
		return
	}
	defer s.Close()
	ds, _ := s.Decks(0)
	for _, d := range ds {
		fmt.Fprintln(w, strings.ReplaceAll(d.Name, ":", `\:`))
	}
}
