package anki

import (
	"archive/zip"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/klauspost/compress/zstd"
	"google.golang.org/protobuf/encoding/protowire"
	"modernc.org/sqlite"
)

// Limits of what Open reads.
const (
	MaxCollection = 4 << 30  // bytes of a package's collection, uncompressed
	MaxMedia      = 64 << 20 // bytes of one media file, uncompressed, as export takes an image
	maxMediaMap   = 64 << 20 // bytes of the media map
)

// Package is an Anki package opened for reading (Open). Close removes the
// collection it unpacked.
type Package struct {
	Path    string
	Crt     int64 // the collection's creation time, unix seconds
	Notes   []Note
	Media   []MediaFile
	zr      *zip.ReadCloser
	entries map[string]*zip.File // the zip's entries by name
	zstd    bool                 // the media files are compressed with zstd
}

// Note is a note of a package.
type Note struct {
	ID     int64
	GUID   string
	Mod    int64 // when the note was last changed, unix seconds
	Type   *Notetype
	Fields []string // HTML, in the notetype's field order
	Tags   []string
	Cards  []Card // by ord
	// Kind and Section are what a package of spaced says of the note's
	// cards ("" in any other).
	Kind    string
	Section string
	Line    int
	// What a package of spaced says of each card: its ord, ID and the
	// study days of its reviews.
	cards []noteCard
}

// Notetype is a note type of a package.
type Notetype struct {
	Name      string
	Cloze     bool
	Fields    []string   // field names by ord
	Templates []Template // by ord
}

// Template is a card template: the question and answer formats.
type Template struct{ Q, A string }

// Card is a card of a package, with its scheduling columns and its review
// log, oldest first.
type Card struct {
	ID                                    int64
	Ord                                   int
	Deck                                  string // "::" hierarchy
	Type, Queue, Due, Ivl, Factor, Lapses int
	Revlog                                []Revlog
}

// Revlog is one review of a card in Anki's review log.
type Revlog struct {
	ID                               int64 // the instant, unix milliseconds
	Ease, Ivl, LastIvl, Factor, Type int
}

// MediaFile is a file of a package's media.
type MediaFile struct {
	Name  string // its name in the media folder, as the notes' fields use it
	entry string // its zip entry
}

// The versions of a package's meta entry.
const (
	versionLegacy1 = 1 // collection.anki2
	versionLegacy2 = 2 // collection.anki21
	versionLatest  = 3 // collection.anki21b, zstd, a protobuf media list
)

// ErrNotPackage: the file is not an Anki package.
var ErrNotPackage = errors.New("not an Anki package")

// Open reads the Anki package (.apkg or .colpkg) at path: legacy packages
// (collection.anki21, else collection.anki2, and a JSON media map) and
// current ones (a meta entry, collection.anki21b and media compressed with
// zstd). The collection is unpacked into tempDir ("": os.TempDir) and read
// whole; ctx stops it. A zip entry whose name leaves its folder, a meta
// entry of a newer format, a collection over MaxCollection or a database
// that is not an Anki collection is an error naming the package.
func Open(ctx context.Context, path, tempDir string) (*Package, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (%v)", path, ErrNotPackage, err)
	}
	p := &Package{Path: path, zr: zr}
	if err := p.open(ctx, tempDir); err != nil {
		zr.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return p, nil
}

// Close closes the package.
func (p *Package) Close() error { return p.zr.Close() }

func (p *Package) open(ctx context.Context, tempDir string) error {
	p.entries = map[string]*zip.File{}
	entries := p.entries
	for _, f := range p.zr.File {
		if !filepath.IsLocal(f.Name) || strings.Contains(f.Name, `\`) {
			return fmt.Errorf("zip entry %q leaves the package's folder", f.Name)
		}
		entries[f.Name] = f
	}
	version := versionLegacy1
	if m := entries["meta"]; m != nil {
		b, err := readEntry(m, 1<<10)
		if err != nil {
			return err
		}
		if version = metaVersion(b); version < versionLegacy1 || version > versionLatest {
			return errors.New("a package of a newer Anki format (or a damaged meta entry); export it again with \"Support older Anki versions\" ticked")
		}
	} else if entries["collection.anki21"] != nil {
		version = versionLegacy2
	}
	name := map[int]string{versionLegacy1: "collection.anki2", versionLegacy2: "collection.anki21", versionLatest: "collection.anki21b"}[version]
	col := entries[name]
	if col == nil {
		return fmt.Errorf("%w: no %s in it", ErrNotPackage, name)
	}
	p.zstd = version == versionLatest
	dbPath, err := p.unpack(col, tempDir)
	if err != nil {
		return err
	}
	defer os.Remove(dbPath)
	if err := p.readCollection(ctx, dbPath); err != nil {
		return err
	}
	return p.readMediaMap(entries["media"])
}

// TempPattern is the pattern of the temporary files Open unpacks a
// collection into; a kill while it unpacks leaves one behind.
const TempPattern = "spaced-import-*.anki2"

// unpack copies the collection entry f into a temporary file and returns
// its path.
func (p *Package) unpack(f *zip.File, tempDir string) (string, error) {
	r, err := p.entryReader(f)
	if err != nil {
		return "", err
	}
	defer r.Close()
	tmp, err := os.CreateTemp(tempDir, TempPattern)
	if err != nil {
		return "", err
	}
	n, err := io.Copy(tmp, io.LimitReader(r, MaxCollection+1))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil && n > MaxCollection {
		err = fmt.Errorf("the collection is over %d GiB", MaxCollection>>30)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("%s: %w", f.Name, err)
	}
	return tmp.Name(), nil
}

// entryReader opens zip entry f, decompressing zstd in a current package.
func (p *Package) entryReader(f *zip.File) (io.ReadCloser, error) {
	r, err := f.Open()
	if err != nil || !p.zstd {
		return r, err
	}
	d, err := zstd.NewReader(r, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(MaxCollection))
	if err != nil {
		r.Close()
		return nil, err
	}
	return zstdReadCloser{d, r}, nil
}

type zstdReadCloser struct {
	*zstd.Decoder
	zip io.Closer
}

func (z zstdReadCloser) Close() error { z.Decoder.Close(); return z.zip.Close() }

// readEntry returns the contents of a small zip entry, at most limit bytes.
func readEntry(f *zip.File, limit int64) ([]byte, error) {
	r, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err == nil && int64(len(b)) > limit {
		err = fmt.Errorf("%s is over %d bytes", f.Name, limit)
	}
	return b, err
}

// metaVersion returns the version a meta entry holds (field 1), 0 when it
// holds none.
func metaVersion(b []byte) int {
	v := 0
	walkProto(b, func(num protowire.Number, typ protowire.Type, val []byte, n uint64) {
		if num == 1 && typ == protowire.VarintType {
			v = int(n)
		}
	})
	return v
}

// walkProto calls fn for each field of protobuf message b: its number,
// wire type and value (bytes for a length-delimited field, the number for
// a varint). A malformed message ends the walk.
func walkProto(b []byte, fn func(num protowire.Number, typ protowire.Type, val []byte, n uint64)) {
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return
		}
		b = b[n:]
		switch typ {
		case protowire.VarintType:
			v, m := protowire.ConsumeVarint(b)
			if m < 0 {
				return
			}
			fn(num, typ, nil, v)
			b = b[m:]
		case protowire.BytesType:
			v, m := protowire.ConsumeBytes(b)
			if m < 0 {
				return
			}
			fn(num, typ, v, 0)
			b = b[m:]
		default:
			m := protowire.ConsumeFieldValue(num, typ, b)
			if m < 0 {
				return
			}
			b = b[m:]
		}
	}
}

// readMediaMap reads the media map: a JSON object from zip entry to name in
// a legacy package, a zstd-compressed protobuf list in a current one (the
// n-th file is entry "n"). A name that is not a plain file name is dropped.
func (p *Package) readMediaMap(f *zip.File) error {
	if f == nil {
		return nil
	}
	r, err := p.entryReader(f)
	if err != nil {
		return err
	}
	defer r.Close()
	b, err := io.ReadAll(io.LimitReader(r, maxMediaMap+1))
	if err != nil {
		return fmt.Errorf("media: %w", err)
	}
	if len(b) > maxMediaMap {
		return fmt.Errorf("media: the media map is over %d MiB", maxMediaMap>>20)
	}
	if !p.zstd {
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil && len(b) > 0 {
			return fmt.Errorf("media: %w", err)
		}
		for entry, name := range m {
			p.Media = append(p.Media, MediaFile{Name: name, entry: entry})
		}
		slices.SortFunc(p.Media, func(a, b MediaFile) int { return strings.Compare(a.Name, b.Name) })
		return nil
	}
	i := 0
	walkProto(b, func(num protowire.Number, typ protowire.Type, val []byte, _ uint64) {
		if num != 1 || typ != protowire.BytesType {
			return
		}
		m := MediaFile{entry: strconv.Itoa(i)}
		walkProto(val, func(num protowire.Number, typ protowire.Type, val []byte, n uint64) {
			switch {
			case num == 1 && typ == protowire.BytesType:
				m.Name = string(val)
			case num == 255 && typ == protowire.VarintType:
				m.entry = strconv.FormatUint(n, 10)
			}
		})
		p.Media = append(p.Media, m)
		i++
	})
	return nil
}

// SafeName reports whether a media file name can be written into a folder:
// a plain file name, not "." or "..", without a path separator or a
// control character.
func SafeName(name string) bool {
	return name != "" && name != "." && name != ".." && filepath.IsLocal(name) &&
		!strings.ContainsAny(name, `/\:`) && !strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f })
}

// CopyMedia copies media file m of the package to w, at most MaxMedia
// bytes.
func (p *Package) CopyMedia(w io.Writer, m MediaFile) error {
	f := p.entries[m.entry]
	if f == nil {
		return fmt.Errorf("media %s: zip entry %q is missing", m.Name, m.entry)
	}
	r, err := p.entryReader(f)
	if err != nil {
		return fmt.Errorf("media %s: %w", m.Name, err)
	}
	defer r.Close()
	n, err := io.Copy(w, io.LimitReader(r, MaxMedia+1))
	switch {
	case err != nil:
		return fmt.Errorf("media %s: %w", m.Name, err)
	case n > MaxMedia:
		return fmt.Errorf("media %s: over the limit of %d MiB", m.Name, MaxMedia>>20)
	}
	return nil
}

var registerUnicase sync.Once

// openDB opens an unpacked collection read-only. Anki's current schema
// declares a "unicase" collation; it is registered as a case-insensitive
// order.
func openDB(path string) (*sql.DB, error) {
	registerUnicase.Do(func() {
		_ = sqlite.RegisterCollationUtf8("unicase", func(a, b string) int {
			return strings.Compare(strings.ToLower(a), strings.ToLower(b))
		})
	})
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&immutable=1")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}
