package srs

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"strings"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver
)

// ApplicationID is the SQLite application_id of a collection ("spcd").
const ApplicationID = 0x73706364

//go:embed migrations/*.sql
var migrationFS embed.FS

// Errors returned by Open. Each is wrapped with the path and a reason.
var (
	// ErrNotCollection: the file is not a collection (a folder, not SQLite,
	// corrupt, or another application's database). It is left untouched.
	ErrNotCollection = errors.New("not a spaced collection")
	// ErrNewerSchema: the collection was written by a newer spaced.
	ErrNewerSchema = errors.New("collection is from a newer version of spaced")
	// ErrReadOnly: the collection cannot be written.
	ErrReadOnly = errors.New("collection is read-only")
	// ErrDamaged: SQLite finds the collection's file damaged.
	ErrDamaged = errors.New("the collection is damaged")
)

// Store is an open collection. Its methods are safe to call from one
// goroutine at a time; several processes may use the same file at once.
type Store struct {
	db   *sql.DB
	path string
}

// hookBeforeCommit, when set (by tests), runs inside every write transaction
// just before it commits, with the name of the operation.
var hookBeforeCommit func(op string)

// migrations returns the embedded migrations in order; migration i (from 0)
// sets user_version to i+1.
func migrations() ([]string, error) {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []string
	for _, n := range names {
		b, err := migrationFS.ReadFile(n)
		if err != nil {
			return nil, err
		}
		out = append(out, string(b))
	}
	return out, nil
}

// SchemaVersion is the user_version of a collection this package writes.
func SchemaVersion() int {
	m, _ := migrations()
	return len(m)
}

// DSN returns the data source name the store opens path with: WAL, FULL
// synchronous writes, a 5 s busy timeout, foreign keys, and write
// transactions that take the write lock when they begin (BEGIN IMMEDIATE).
func DSN(p string, readOnly bool) string {
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	dsn := "file:" + r.Replace(p) + "?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(FULL)&_txlock=immediate"
	if readOnly {
		dsn += "&mode=ro"
	}
	return dsn
}

// Open opens the collection at path, which must exist (an empty file is a
// new collection). With readOnly false it applies any pending migrations; with
// readOnly true it never writes, and a collection that needs a migration is
// refused.
//
// Before SQLite touches the file, Open checks its header: a folder, a file
// that is not SQLite, another application's database (a different
// application_id) and a newer schema are refused with ErrNotCollection or
// ErrNewerSchema and left byte for byte as they were. A collection that
// cannot be written, opened for writing, gives ErrReadOnly.
func Open(p string, readOnly bool) (*Store, error) {
	if err := checkHeader(p); err != nil {
		return nil, err
	}
	if !readOnly {
		f, err := os.OpenFile(p, os.O_RDWR, 0)
		if err != nil {
			if errors.Is(err, fs.ErrPermission) {
				return nil, fmt.Errorf("%s: %w", p, ErrReadOnly)
			}
			return nil, err
		}
		f.Close()
	}
	s, err := open(p, DSN(p, readOnly), readOnly)
	if readOnly && errors.Is(err, ErrReadOnly) && !walPending(p) {
		// SQLite reads a WAL database through a shared-memory file beside
		// it, which it cannot create in a folder the user cannot write.
		// With no write-ahead log pending, the file alone is the whole
		// collection and can be read as immutable.
		if s2, err2 := open(p, DSN(p, true)+"&immutable=1", true); err2 == nil {
			return s2, nil
		}
	}
	return s, err
}

func open(p, dsn string, readOnly bool) (*Store, error) {
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	s := &Store{db: db, path: p}
	if err := s.init(readOnly); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the collection.
func (s *Store) Close() error { return s.db.Close() }

// Path returns the collection's file path.
func (s *Store) Path() string { return s.path }

// checkHeader refuses, without opening it with SQLite, a path that is not a
// collection this program may open.
func checkHeader(p string) error {
	f, err := os.Open(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s: no such file", p)
		}
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if st.IsDir() {
		return fmt.Errorf("%s: is a folder: %w", p, ErrNotCollection)
	}
	if st.Size() == 0 {
		return nil
	}
	var h [100]byte
	if _, err := io.ReadFull(f, h[:]); err != nil {
		return fmt.Errorf("%s: not an SQLite database: %w", p, ErrNotCollection)
	}
	if !bytes.Equal(h[:16], []byte("SQLite format 3\x00")) {
		return fmt.Errorf("%s: not an SQLite database: %w", p, ErrNotCollection)
	}
	userVersion := int(int32(binary.BigEndian.Uint32(h[60:64])))
	appID := binary.BigEndian.Uint32(h[68:72])
	switch {
	case appID == ApplicationID:
		if userVersion > SchemaVersion() {
			return fmt.Errorf("%s: schema version %d, this program knows %d: %w", p, userVersion, SchemaVersion(), ErrNewerSchema)
		}
		return nil
	case appID == 0 && walPending(p):
		// A collection created moments ago whose header is still in the
		// write-ahead log; init checks it again through SQLite.
		return nil
	case appID == 0:
		return fmt.Errorf("%s: an SQLite database of another program: %w", p, ErrNotCollection)
	default:
		return fmt.Errorf("%s: an SQLite database of another program (application_id %#x): %w", p, appID, ErrNotCollection)
	}
}

// walPending reports whether p has a non-empty write-ahead log beside it.
func walPending(p string) bool {
	st, err := os.Stat(p + "-wal")
	return err == nil && st.Size() > 0
}

// init checks the schema through SQLite and, unless readOnly, migrates it.
func (s *Store) init(readOnly bool) error {
	ctx := context.Background()
	ms, err := migrations()
	if err != nil {
		return err
	}
	v, app, err := s.versions(ctx, s.db)
	if err != nil {
		return s.openError(err)
	}
	if err := s.checkVersions(v, app, len(ms)); err != nil {
		return err
	}
	if v == len(ms) {
		return nil
	}
	if readOnly {
		return fmt.Errorf("%s: schema version %d needs an upgrade to %d; run a command that writes (such as 'spaced add'): %w", s.path, v, len(ms), ErrReadOnly)
	}
	for {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return s.openError(err)
		}
		v, app, err := s.versions(ctx, tx)
		if err == nil {
			err = s.checkVersions(v, app, len(ms))
		}
		if err != nil || v == len(ms) {
			tx.Rollback()
			return err
		}
		if _, err := tx.ExecContext(ctx, ms[v]); err != nil {
			tx.Rollback()
			return fmt.Errorf("%s: migration %d: %w", s.path, v+1, s.openError(err))
		}
		if err := tx.Commit(); err != nil {
			return s.openError(err)
		}
	}
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func (s *Store) versions(ctx context.Context, q querier) (v int, app uint32, err error) {
	var a int64
	if err := q.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
		return 0, 0, err
	}
	if err := q.QueryRowContext(ctx, `PRAGMA application_id`).Scan(&a); err != nil {
		return 0, 0, err
	}
	return v, uint32(a), nil
}

func (s *Store) checkVersions(v int, app uint32, known int) error {
	switch {
	case app != ApplicationID && !(app == 0 && v == 0):
		return fmt.Errorf("%s: an SQLite database of another program: %w", s.path, ErrNotCollection)
	case v > known:
		return fmt.Errorf("%s: schema version %d, this program knows %d: %w", s.path, v, known, ErrNewerSchema)
	}
	return nil
}

// openError turns SQLite's messages about unwritable and damaged files into
// the package's errors.
func (s *Store) openError(err error) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "readonly") || strings.Contains(msg, "read-only") || strings.Contains(msg, "unable to open"):
		return fmt.Errorf("%s: %w (%v)", s.path, ErrReadOnly, err)
	case strings.Contains(msg, "malformed") || strings.Contains(msg, "not a database"):
		return fmt.Errorf("%s: %w (%v)", s.path, ErrDamaged, err)
	}
	return fmt.Errorf("%s: %w", s.path, err)
}

// classify turns SQLite's errors about unwritable and damaged files into the
// package's errors (see openError) and returns any other error as it is.
func (s *Store) classify(err error) error {
	if err == nil || errors.Is(err, ErrReadOnly) || errors.Is(err, ErrDamaged) {
		return err
	}
	msg := err.Error()
	if strings.Contains(msg, "readonly") || strings.Contains(msg, "malformed") || strings.Contains(msg, "not a database") {
		return s.openError(err)
	}
	return err
}

// write runs fn in a write transaction (BEGIN IMMEDIATE) and commits it.
func (s *Store) write(op string, fn func(tx *sql.Tx) error) error {
	ctx := context.Background()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.openError(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return s.classify(err)
	}
	if hookBeforeCommit != nil {
		hookBeforeCommit(op)
	}
	if err := tx.Commit(); err != nil {
		return s.openError(err)
	}
	return nil
}

// IntegrityCheck runs SQLite's integrity check and returns its first line
// ("ok" for a sound file).
func (s *Store) IntegrityCheck() (string, error) {
	var r string
	err := s.db.QueryRow(`PRAGMA integrity_check`).Scan(&r)
	return r, err
}

// dayText and parseDayText store days as TEXT 'YYYY-MM-DD' (NULL for zero).
func dayText(d Day) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

func scanDay(ns sql.NullString) Day {
	if !ns.Valid {
		return 0
	}
	d, err := ParseDay(ns.String)
	if err != nil {
		return 0
	}
	return d
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func joinTags(tags []string) string { return strings.Join(tags, " ") }

func splitTags(s string) []string {
	f := strings.Fields(s)
	if f == nil {
		f = []string{}
	}
	return f
}
