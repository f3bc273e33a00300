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
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"spaced/internal/testhook"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver
)

// ApplicationID is the SQLite application_id of a collection ("spcd").
const ApplicationID = 0x73706364

//go:embed migrations/*.sql
var migrationFS embed.FS

// Errors returned by Open. Each is wrapped with the path and a reason.
var (
	// ErrNotCollection: the file is not a collection (a folder, not SQLite,
	// or another application's database). It is left untouched.
	ErrNotCollection = errors.New("not a spaced collection")
	// ErrNewerSchema: the collection was written by a newer spaced.
	ErrNewerSchema = errors.New("collection is from a newer version of spaced")
	// ErrReadOnly: the collection cannot be written.
	ErrReadOnly = errors.New("collection is read-only")
	// ErrDamaged: SQLite finds the collection's file damaged.
	ErrDamaged = errors.New("the collection is damaged")
	// ErrNeedsMigration: the collection, opened read-only, is new or has an
	// older schema; opened for writing, it would be migrated.
	ErrNeedsMigration = errors.New("collection needs an upgrade of its schema")
)

// Store is an open collection. Its methods are safe to call from one
// goroutine at a time; several processes may use the same file at once.
type Store struct {
	db   *sql.DB
	path string
}

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
// synchronous writes, a 30 s busy timeout (the longest write, an import of
// a large package, takes seconds), foreign keys, and write transactions
// that take the write lock when they begin (BEGIN IMMEDIATE); readOnly
// adds mode=ro. The characters %, ? and # of path are escaped.
func DSN(p string, readOnly bool) string {
	dsn := dsn(p, "journal_mode(WAL)", "synchronous(FULL)")
	if readOnly {
		dsn += "&mode=ro"
	}
	return dsn
}

// dsn is DSN with the journal mode and synchronous pragmas given.
func dsn(p, journal, sync string) string {
	// An absolute path, so that no name is special to SQLite (":memory:").
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	return "file:" + r.Replace(p) + "?_pragma=busy_timeout(30000)&_pragma=" + journal + "&_pragma=foreign_keys(1)&_pragma=" + sync + "&_txlock=immediate"
}

// Open opens the collection at path, which must exist (Create makes one),
// in mode m (see Mode). A read-only
// collection in a folder the user cannot write is read as immutable when
// no write-ahead log is pending.
//
// Before SQLite touches the file, Open checks its header: a folder, a file
// that is not SQLite, another application's database (a different
// application_id), an empty file, a device and a newer schema are refused
// with ErrNotCollection or ErrNewerSchema, and our application_id without a
// schema version with ErrDamaged, each left byte for byte as it was. A collection that
// cannot be written, opened for writing, gives ErrReadOnly.
func Open(p string, m Mode) (*Store, error) {
	s, err := openMode(p, m != Write, false)
	if m == Read && errors.Is(err, ErrNeedsMigration) {
		// A collection just created, or written by an older spaced: bring
		// it up to date when it can be written.
		s2, err2 := openMode(p, false, false)
		if err2 == nil {
			return s2, nil
		}
		if !errors.Is(err2, ErrReadOnly) {
			return nil, err2
		}
	}
	return s, err
}

// Mode says what Open may do to a collection.
type Mode uint8

// The modes of Open.
const (
	// ReadOnly never writes: a new collection, or one whose schema is
	// older than the program's, gives ErrNeedsMigration.
	ReadOnly Mode = iota
	// Read reads, and first brings a new or older schema up to date when
	// the file can be written (else ErrNeedsMigration).
	Read
	// Write writes, bringing a new or older schema up to date.
	Write
)

// openMode opens the collection read-only or for writing. An empty file
// is a collection only when fresh says it is one Create just made: any
// other is a file truncated or made by someone else, and left alone.
func openMode(p string, readOnly, fresh bool) (*Store, error) {
	empty, err := checkHeader(p)
	if err != nil {
		return nil, err
	}
	if empty && !fresh {
		return nil, fmt.Errorf("%s: an empty file, not a collection: %w", p, ErrNotCollection)
	}
	if empty && readOnly {
		return nil, fmt.Errorf("%s: new and empty: %w", p, ErrNeedsMigration)
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

// Create makes a new, empty collection at path with the file mode perm
// (less the umask), as a Draft published at once: no process ever sees a
// collection half made. When path exists already Create returns an error
// matching fs.ErrExist and leaves it alone; the folder must exist.
func Create(p string, perm fs.FileMode) error {
	d, err := NewDraft(p, perm)
	if err != nil {
		return err
	}
	return d.Publish()
}

// Draft is a new collection being made apart, in a temporary file in the
// folder of its path, by a command that fills it before any other process
// can see it (the first add). Nothing else opens the file, so its writes
// go without a write-ahead log (the rollback journal is kept in memory)
// and without waiting for the disk; Publish makes it durable, in
// write-ahead mode like every collection, and links it into place.
type Draft struct {
	*Store
	tmp string
}

// NewDraft starts a draft of a new, empty collection at path, with the file
// mode perm (less the umask); the folder must exist. The caller publishes
// or discards it.
func NewDraft(p string, perm fs.FileMode) (*Draft, error) {
	dir, base := filepath.Split(p)
	if dir == "" {
		dir = "."
	}
	removeStaleDrafts(dir, base, time.Now())
	f, err := os.CreateTemp(dir, fmt.Sprintf("%s%d-*", draftPrefix(base), os.Getpid()))
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) { // the collection named, not the draft
			return nil, &fs.PathError{Op: pe.Op, Path: p, Err: pe.Err}
		}
		return nil, err
	}
	d := &Draft{tmp: f.Name()}
	err = f.Chmod(perm)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		// Errors name the collection, not the temporary file.
		d.Store, err = open(p, dsn(d.tmp, "journal_mode(MEMORY)", "synchronous(OFF)"), false)
	}
	if err != nil {
		d.remove()
		return nil, err
	}
	return d, nil
}

// Publish closes the draft's store, writes the file to disk and links it
// at its path. When a collection appeared there meanwhile, Publish
// discards the draft and returns an error matching fs.ErrExist.
func (d *Draft) Publish() error {
	defer d.remove()
	p := d.Store.path
	if _, err := d.db.Exec(`PRAGMA journal_mode = WAL`); err != nil {
		d.Store.Close()
		return err
	}
	if err := d.Store.Close(); err != nil {
		return err
	}
	if err := syncFile(d.tmp); err != nil {
		return err
	}
	err := os.Link(d.tmp, p)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s: %w", p, fs.ErrExist)
	}
	if err != nil {
		// A file system without hard links: rename, unless a collection
		// appeared meanwhile.
		if _, serr := os.Lstat(p); serr == nil {
			return fmt.Errorf("%s: %w", p, fs.ErrExist)
		}
		if err := os.Rename(d.tmp, p); err != nil {
			return err
		}
	}
	// The new name on disk too, where the folder can be synced: the
	// collection is in place whether or not it can.
	syncFile(filepath.Dir(p))
	return nil
}

// Discard closes the draft's store and removes its file.
func (d *Draft) Discard() {
	d.Store.Close()
	d.remove()
}

// remove removes the draft's file and any SQLite made beside it.
func (d *Draft) remove() { removeDraft(d.tmp) }

func removeDraft(p string) {
	for _, x := range []string{p, p + "-wal", p + "-shm", p + "-journal"} {
		os.Remove(x)
	}
}

// draftPrefix is how the names of the drafts of the collection named base
// begin; the number of the process making the draft follows.
func draftPrefix(base string) string { return "." + base + ".new-" }

// staleAfter is how long a draft must have gone unwritten, its process
// gone, before another command removes it. A draft being filled is written
// every few seconds; a process that this system reports gone may run in
// another PID namespace or on another host sharing the folder.
const staleAfter = 10 * time.Minute

// RemoveStaleDrafts removes the drafts of the collection at path left by
// commands killed before they published or removed them: a draft whose
// process no longer runs and that nothing wrote for staleAfter.
func RemoveStaleDrafts(p string) {
	dir, base := filepath.Split(p)
	if dir == "" {
		dir = "."
	}
	removeStaleDrafts(dir, base, time.Now())
}

func removeStaleDrafts(dir, base string, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix := draftPrefix(base)
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		pid, _, _ := strings.Cut(rest, "-")
		n, err := strconv.Atoi(pid)
		if !ok || err != nil || n <= 0 || strings.HasSuffix(rest, "-wal") || strings.HasSuffix(rest, "-shm") || strings.HasSuffix(rest, "-journal") {
			continue
		}
		info, err := e.Info()
		if err != nil || now.Sub(info.ModTime()) < staleAfter || syscall.Kill(n, 0) != syscall.ESRCH {
			continue
		}
		removeDraft(filepath.Join(dir, e.Name()))
	}
}

// syncFile writes the file or folder at p to disk.
func syncFile(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
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

// DataVersion returns a number that changes when another connection to
// the collection (another command) commits a change; the store's own
// writes leave it as it is (SQLite's data_version, on the store's one
// connection).
func (s *Store) DataVersion() (int64, error) {
	var v int64
	if err := s.db.QueryRow(`PRAGMA data_version`).Scan(&v); err != nil {
		return 0, s.classify(err)
	}
	return v, nil
}

// Close closes the collection.
func (s *Store) Close() error { return s.db.Close() }

// Path returns the collection's file path.
func (s *Store) Path() string { return s.path }

// checkHeader refuses, without opening it with SQLite, a path that is not a
// collection this program may open, and reports whether the file is empty.
func checkHeader(p string) (empty bool, err error) {
	f, err := os.Open(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return false, fmt.Errorf("%s: no such file", p)
		}
		return false, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return false, err
	}
	if st.IsDir() {
		return false, fmt.Errorf("%s: is a folder: %w", p, ErrNotCollection)
	}
	if !st.Mode().IsRegular() {
		return false, fmt.Errorf("%s: not a regular file: %w", p, ErrNotCollection)
	}
	if st.Size() == 0 {
		return true, nil
	}
	var h [100]byte
	if _, err := io.ReadFull(f, h[:]); err != nil {
		return false, fmt.Errorf("%s: not an SQLite database: %w", p, ErrNotCollection)
	}
	if !bytes.Equal(h[:16], []byte("SQLite format 3\x00")) {
		return false, fmt.Errorf("%s: not an SQLite database: %w", p, ErrNotCollection)
	}
	userVersion := int(int32(binary.BigEndian.Uint32(h[60:64])))
	appID := binary.BigEndian.Uint32(h[68:72])
	const walMode = 2 // file format read and write versions in WAL mode
	switch {
	case appID == ApplicationID:
		if userVersion < 1 {
			return false, fmt.Errorf("%s: schema version %d: %w", p, userVersion, ErrDamaged)
		}
		if userVersion > SchemaVersion() {
			return false, fmt.Errorf("%s: schema version %d, this program knows %d: %w", p, userVersion, SchemaVersion(), ErrNewerSchema)
		}
		return false, nil
	case appID == 0 && userVersion == 0 && (h[18] == walMode && h[19] == walMode || walPending(p)):
		// Perhaps a collection created moments ago whose header is still in
		// the write-ahead log; init checks it through SQLite (in WAL mode
		// already, so opening it changes nothing).
		return false, nil
	case appID == 0:
		return false, fmt.Errorf("%s: an SQLite database of another program: %w", p, ErrNotCollection)
	default:
		return false, fmt.Errorf("%s: an SQLite database of another program (application_id %#x): %w", p, appID, ErrNotCollection)
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
	if err := s.checkVersions(ctx, s.db, v, app, len(ms)); err != nil {
		return err
	}
	if v == len(ms) {
		return nil
	}
	if readOnly {
		return fmt.Errorf("%s: schema version %d, this program writes %d: %w", s.path, v, len(ms), ErrNeedsMigration)
	}
	for {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return s.openError(err)
		}
		v, app, err := s.versions(ctx, tx)
		if err == nil {
			err = s.checkVersions(ctx, tx, v, app, len(ms))
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

// checkVersions refuses a database of another program or of a newer schema.
// A database with neither application_id nor user_version is this program's
// only when it has no table yet.
func (s *Store) checkVersions(ctx context.Context, q querier, v int, app uint32, known int) error {
	switch {
	case app == 0 && v == 0:
		var n int
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master`).Scan(&n); err != nil {
			return s.openError(err)
		}
		if n > 0 {
			return fmt.Errorf("%s: an SQLite database of another program: %w", s.path, ErrNotCollection)
		}
	case app != ApplicationID:
		return fmt.Errorf("%s: an SQLite database of another program (application_id %#x): %w", s.path, app, ErrNotCollection)
	case v < 1:
		// The first migration sets application_id and user_version 1 in
		// one transaction: our application_id with no version is a damaged
		// or altered file.
		return fmt.Errorf("%s: schema version %d: %w", s.path, v, ErrDamaged)
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
func (s *Store) write(ctx context.Context, op string, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.ctxError(ctx, s.openError(err))
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return s.ctxError(ctx, s.classify(err))
	}
	if testhook.BeforeCommit != nil {
		testhook.BeforeCommit(op)
	}
	if err := ctx.Err(); err != nil {
		tx.Rollback()
		return context.Cause(ctx)
	}
	if err := tx.Commit(); err != nil {
		return s.openError(err)
	}
	if testhook.AfterCommit != nil {
		testhook.AfterCommit(op)
	}
	return nil
}

// ctxError returns the cause of ctx (the signal that ended the command)
// when ctx is done, else err: a statement that ctx stopped fails with
// context.Canceled, which says less.
func (s *Store) ctxError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	return err
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
