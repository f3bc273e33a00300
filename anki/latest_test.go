package anki_test

import (
	"archive/zip"
	"bytes"
	"crypto/sha1"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
	"google.golang.org/protobuf/encoding/protowire"
	"modernc.org/sqlite"
)

// The tables of a collection in Anki's current schema (18) that a package
// reader meets, as Anki's storage code declares them; the unicase collation
// is Anki's own.
const schema18 = `
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, scm integer not null,
	ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null,
	models text not null, decks text not null, dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null,
	usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null,
	flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null,
	mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null,
	ivl integer not null, factor integer not null, reps integer not null, lapses integer not null,
	left integer not null, odue integer not null, odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null,
	ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
CREATE TABLE notetypes (id integer NOT NULL PRIMARY KEY, name text NOT NULL COLLATE unicase,
	mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL);
CREATE UNIQUE INDEX idx_notetypes_name ON notetypes (name);
CREATE TABLE fields (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL COLLATE unicase,
	config blob NOT NULL, PRIMARY KEY (ntid, ord)) without rowid;
CREATE TABLE templates (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL COLLATE unicase,
	mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL, PRIMARY KEY (ntid, ord)) without rowid;
CREATE TABLE decks (id integer PRIMARY KEY NOT NULL, name text NOT NULL COLLATE unicase,
	mtime_secs integer NOT NULL, usn integer NOT NULL, common blob NOT NULL, kind blob NOT NULL);
CREATE UNIQUE INDEX idx_decks_name ON decks (name);
`

func init() {
	// Creating the fixture needs the collation before the reader under
	// test registers its own; the name is taken once per process.
	_ = sqlite.RegisterCollationUtf8("unicase", func(a, b string) int {
		return strings.Compare(strings.ToLower(a), strings.ToLower(b))
	})
}

// latestNote is a note of a fixture package in the current layout.
type latestNote struct {
	id       int64
	guid     string
	notetype int64 // 1 Basic, 2 Basic (and reversed card), 3 Cloze, 4 a type whose answer adds no field
	fields   []string
	tags     string
	deck     int64
	cards    []latestCard
}

type latestCard struct {
	id, ord                             int64
	typ, queue, due, ivl, factor, lapse int64
	revlog                              [][3]int64 // id, ease, ivl
}

// writeLatest writes a package in Anki's current layout to dir/name: a
// meta entry saying version 3, collection.anki21b (schema 18, zstd), a
// stub collection.anki2, the media list (zstd protobuf) and each media file
// compressed as zip entry "0", "1", …; version overrides the meta's.
func writeLatest(t *testing.T, path string, version int, notes []latestNote, media map[string][]byte) {
	t.Helper()
	dir := t.TempDir()
	colPath := filepath.Join(dir, "col.anki21b")
	db, err := sql.Open("sqlite", "file:"+colPath)
	if err != nil {
		t.Fatal(err)
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec(schema18)
	exec(`INSERT INTO col VALUES (1, 1764504000, 0, 0, 18, 0, 0, 0, '', '', '', '', '')`)
	kindCloze := protowire.AppendVarint(protowire.AppendTag(nil, 1, protowire.VarintType), 1)
	for _, nt := range []struct {
		id     int64
		name   string
		config []byte
		fields []string
		tmpls  [][2]string
	}{
		{1, "Basic", []byte{}, []string{"Front", "Back"}, [][2]string{{"{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}"}}},
		{2, "Basic (and reversed card)", []byte{}, []string{"Front", "Back"}, [][2]string{
			{"{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}"}, {"{{Back}}", "{{FrontSide}}<hr id=answer>{{Front}}"}}},
		{3, "Cloze", kindCloze, []string{"Text", "Back Extra"}, [][2]string{{"{{cloze:Text}}", "{{cloze:Text}}<br>{{Back Extra}}"}}},
		{4, "Vocab", []byte{}, []string{"Word", "Meaning", "Example"}, [][2]string{{"<div class=w>{{Word}}</div>", "{{FrontSide}}"}}},
	} {
		exec(`INSERT INTO notetypes VALUES (?, ?, 0, 0, ?)`, nt.id, nt.name, nt.config)
		for i, f := range nt.fields {
			exec(`INSERT INTO fields VALUES (?, ?, ?, x'')`, nt.id, i, f)
		}
		for i, tm := range nt.tmpls {
			cfg := protowire.AppendString(protowire.AppendTag(nil, 1, protowire.BytesType), tm[0])
			cfg = protowire.AppendString(protowire.AppendTag(cfg, 2, protowire.BytesType), tm[1])
			exec(`INSERT INTO templates VALUES (?, ?, ?, 0, 0, ?)`, nt.id, i, "Card "+string(rune('1'+i)), cfg)
		}
	}
	exec(`INSERT INTO decks VALUES (1, 'Default', 0, 0, x'', x'')`)
	exec(`INSERT INTO decks VALUES (7, 'Exams'||char(31)||'Cloud', 0, 0, x'', x'')`)
	for _, n := range notes {
		exec(`INSERT INTO notes VALUES (?, ?, ?, 0, 0, ?, ?, '', 0, 0, '')`, n.id, n.guid, n.notetype, n.tags, strings.Join(n.fields, "\x1f"))
		for _, c := range n.cards {
			exec(`INSERT INTO cards VALUES (?, ?, ?, ?, 0, 0, ?, ?, ?, ?, ?, 0, ?, 0, 0, 0, 0, '')`,
				c.id, n.id, n.deck, c.ord, c.typ, c.queue, c.due, c.ivl, c.factor, c.lapse)
			for _, r := range c.revlog {
				exec(`INSERT INTO revlog VALUES (?, ?, 0, ?, ?, 0, 2500, 0, 1)`, r[0], c.id, r[1], r[2])
			}
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	col, err := os.ReadFile(colPath)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name string, data []byte, compress bool) {
		t.Helper()
		if compress {
			enc, _ := zstd.NewWriter(nil)
			data = enc.EncodeAll(data, nil)
		}
		w, err := zw.Create(name)
		if err == nil {
			_, err = w.Write(data)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	add("meta", protowire.AppendVarint(protowire.AppendTag(nil, 1, protowire.VarintType), uint64(version)), false)
	add("collection.anki21b", col, true)
	add("collection.anki2", []byte("a stub that asks to update Anki"), false)
	var list []byte
	i := 0
	for name, data := range media {
		sum := sha1.Sum(data)
		e := protowire.AppendString(protowire.AppendTag(nil, 1, protowire.BytesType), name)
		e = protowire.AppendVarint(protowire.AppendTag(e, 2, protowire.VarintType), uint64(len(data)))
		e = protowire.AppendBytes(protowire.AppendTag(e, 3, protowire.BytesType), sum[:])
		list = protowire.AppendBytes(protowire.AppendTag(list, 1, protowire.BytesType), e)
		add(string(rune('0'+i)), data, true)
		i++
	}
	add("media", list, true)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
