package anki_test

import (
	"archive/zip"
	"crypto/sha1"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"spaced/anki"
	"spaced/deck"
	"spaced/export"
)

// ankiReads reads the package at path the way Anki's own importer does
// (rslib/src/import_export/package/: meta.rs, media.rs, apkg/import/), step
// by step, and returns the first thing that importer would refuse, change
// or drop, or nil. now is the instant of the import.
func ankiReads(path string, now time.Time) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return err
	}
	defer zr.Close()
	entries := map[string]*zip.File{}
	for _, f := range zr.File {
		entries[f.Name] = f
	}
	// Meta::from_archive: no meta entry and no collection.anki21 is the
	// legacy version 1, whose collection is collection.anki2, not
	// compressed, with a JSON media map.
	if entries["meta"] != nil || entries["collection.anki21"] != nil || entries["collection.anki2"] == nil {
		return fmt.Errorf("want only collection.anki2, the legacy layout every Anki reads")
	}
	tmp, err := os.CreateTemp("", "ankireads-*.anki2")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	r, err := entries["collection.anki2"].Open()
	if err != nil {
		return err
	}
	_, err = io.Copy(tmp, r)
	r.Close()
	tmp.Close()
	if err != nil {
		return err
	}
	if err := readMediaLikeAnki(entries); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", "file:"+tmp.Name()+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	return readCollectionLikeAnki(db, now)
}

// readMediaLikeAnki checks the media map (media.rs, extract_media_entries):
// a JSON object from zip entry number to file name; each name must pass
// filename_is_safe and each entry must be in the archive.
func readMediaLikeAnki(entries map[string]*zip.File) error {
	f := entries["media"]
	if f == nil {
		return fmt.Errorf("no media entry")
	}
	r, err := f.Open()
	if err != nil {
		return err
	}
	defer r.Close()
	var m map[string]string
	if err := json.NewDecoder(r).Decode(&m); err != nil {
		return fmt.Errorf("media map: %v", err)
	}
	seen := map[string]bool{}
	for entry, name := range m {
		if _, err := strconv.ParseUint(entry, 10, 32); err != nil {
			return fmt.Errorf("media entry %q is not a number", entry)
		}
		if !anki.SafeName(name) || seen[name] {
			return fmt.Errorf("media name %q is unsafe or repeated", name)
		}
		seen[name] = true
		if entries[entry] == nil {
			return fmt.Errorf("media %s: entry %q missing from archive", name, entry)
		}
	}
	return nil
}

// readCollectionLikeAnki checks the collection as opening it (the schema
// 11 upgrade: serde of the col row's JSON), maybe_fix_invalid_ids and
// gathering notes, cards and revlog would read it.
func readCollectionLikeAnki(db *sql.DB, now time.Time) error {
	var ver int
	var crt int64
	var models, decks, dconf, conf string
	if err := db.QueryRow(`SELECT ver, crt, models, decks, dconf, conf FROM col`).Scan(&ver, &crt, &models, &decks, &dconf, &conf); err != nil {
		return err
	}
	if ver != 11 {
		return fmt.Errorf("schema %d, want 11", ver)
	}
	var confObj map[string]any
	if err := json.Unmarshal([]byte(conf), &confObj); err != nil {
		return fmt.Errorf("conf: %v", err)
	}
	types, err := modelsLikeAnki(models)
	if err != nil {
		return err
	}
	deckIDs, err := decksLikeAnki(decks, dconf)
	if err != nil {
		return err
	}
	// maybe_fix_invalid_ids renumbers every ID after a day from now.
	cutoff := now.Add(24 * time.Hour).UnixMilli()
	for _, table := range []string{"notes", "cards", "revlog"} {
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM `+table+` WHERE id > ?`, cutoff).Scan(&n); err != nil || n > 0 {
			return fmt.Errorf("%s: %d IDs in the future, which Anki renumbers (%v)", table, n, err)
		}
	}
	notes, err := notesLikeAnki(db, types)
	if err != nil {
		return err
	}
	return cardsLikeAnki(db, notes, types, deckIDs)
}

// modelType is what the importer needs of a notetype.
type modelType struct {
	cloze  bool
	fields int
	tmpls  int
}

// modelsLikeAnki parses the models column as NotetypeSchema11 does: the
// keys without a serde default must be there.
func modelsLikeAnki(models string) (map[string]modelType, error) {
	var ms map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(models), &ms); err != nil {
		return nil, fmt.Errorf("models: %v", err)
	}
	out := map[string]modelType{}
	for id, m := range ms {
		if err := requireKeys(m, "notetype "+id, "id", "name", "type", "mod", "usn", "sortf", "did", "tmpls", "flds", "css"); err != nil {
			return nil, err
		}
		var flds, tmpls []map[string]json.RawMessage
		var typ int
		if json.Unmarshal(m["flds"], &flds) != nil || json.Unmarshal(m["tmpls"], &tmpls) != nil || json.Unmarshal(m["type"], &typ) != nil {
			return nil, fmt.Errorf("notetype %s: flds, tmpls or type malformed", id)
		}
		for _, f := range flds {
			if err := requireKeys(f, "notetype "+id+" field", "name", "ord", "sticky", "rtl", "font", "size"); err != nil {
				return nil, err
			}
		}
		for _, tm := range tmpls {
			if err := requireKeys(tm, "notetype "+id+" template", "name", "ord", "qfmt"); err != nil {
				return nil, err
			}
		}
		if typ != 0 && typ != 1 {
			return nil, fmt.Errorf("notetype %s: type %d", id, typ)
		}
		out[id] = modelType{cloze: typ == 1, fields: len(flds), tmpls: len(tmpls)}
	}
	return out, nil
}

func requireKeys(m map[string]json.RawMessage, what string, keys ...string) error {
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			return fmt.Errorf("%s: no %q, which Anki's schema 11 reader requires", what, k)
		}
	}
	return nil
}

// decksLikeAnki parses the decks column as NormalDeckSchema11 does and
// returns the deck IDs; each deck's options group must be in dconf.
func decksLikeAnki(decks, dconf string) (map[int64]bool, error) {
	var ds map[string]map[string]json.RawMessage
	var cs map[string]json.RawMessage
	if err := json.Unmarshal([]byte(decks), &ds); err != nil {
		return nil, fmt.Errorf("decks: %v", err)
	}
	if err := json.Unmarshal([]byte(dconf), &cs); err != nil {
		return nil, fmt.Errorf("dconf: %v", err)
	}
	ids := map[int64]bool{}
	for id, d := range ds {
		if err := requireKeys(d, "deck "+id, "id", "name", "usn", "lrnToday", "revToday", "newToday", "timeToday", "collapsed", "dyn", "conf"); err != nil {
			return nil, err
		}
		var name string
		json.Unmarshal(d["name"], &name)
		if strings.ContainsAny(name, "<>{}[]") || name == "" {
			return nil, fmt.Errorf("deck %s: name %q", id, name)
		}
		if _, ok := cs[string(d["conf"])]; !ok {
			return nil, fmt.Errorf("deck %s: options group %s not in dconf", id, d["conf"])
		}
		n, _ := strconv.ParseInt(id, 10, 64)
		ids[n] = true
	}
	return ids, nil
}

var clozeNumber = regexp.MustCompile(`\{\{c(\d+)::`)

// notesLikeAnki reads the notes: unique GUIDs, a known notetype, as many
// fields as it has, the checksum of the first field. It returns each
// note's notetype and cloze numbers by note ID.
func notesLikeAnki(db *sql.DB, types map[string]modelType) (map[int64]noteInfo, error) {
	rows, err := db.Query(`SELECT id, guid, mid, flds, csum FROM notes`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	notes := map[int64]noteInfo{}
	guids := map[string]bool{}
	for rows.Next() {
		var id, mid, csum int64
		var guid, flds string
		if err := rows.Scan(&id, &guid, &mid, &flds, &csum); err != nil {
			return nil, err
		}
		t, ok := types[strconv.FormatInt(mid, 10)]
		fields := strings.Split(flds, "\x1f")
		switch {
		case guids[guid] || guid == "":
			return nil, fmt.Errorf("note %d: GUID %q empty or repeated", id, guid)
		case !ok:
			return nil, fmt.Errorf("note %d: notetype %d missing", id, mid)
		case len(fields) != t.fields:
			return nil, fmt.Errorf("note %d: %d fields, its notetype has %d", id, len(fields), t.fields)
		}
		guids[guid] = true
		sum := sha1.Sum([]byte(stripTags(fields[0])))
		if want := int64(binary.BigEndian.Uint32(sum[:4])); csum != want {
			return nil, fmt.Errorf("note %d: checksum %d, want %d", id, csum, want)
		}
		n := noteInfo{model: strconv.FormatInt(mid, 10), clozes: map[int]bool{}}
		for _, m := range clozeNumber.FindAllStringSubmatch(fields[0], -1) {
			k, _ := strconv.Atoi(m[1])
			n.clozes[k] = true
		}
		notes[id] = n
	}
	return notes, rows.Err()
}

type noteInfo struct {
	model  string
	clozes map[int]bool
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

func stripTags(s string) string {
	s = tagRE.ReplaceAllString(s, "")
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&", "&quot;", `"`, "&#91;", "[", "&#123;", "{").Replace(s)
}

// cardsLikeAnki reads the cards and the revlog: a note and deck that
// exist, a template (or cloze number) for the ord, a type and queue pair
// the scheduler knows, review values in range; each revlog row of a card
// that exists, with a button 1–4.
func cardsLikeAnki(db *sql.DB, notes map[int64]noteInfo, types map[string]modelType, decks map[int64]bool) error {
	rows, err := db.Query(`SELECT id, nid, did, ord, type, queue, due, ivl, factor FROM cards`)
	if err != nil {
		return err
	}
	cards := map[int64]bool{}
	for rows.Next() {
		var id, nid, did int64
		var ord, typ, queue, due, ivl, factor int
		if err := rows.Scan(&id, &nid, &did, &ord, &typ, &queue, &due, &ivl, &factor); err != nil {
			rows.Close()
			return err
		}
		n, ok := notes[nid]
		t := types[n.model]
		switch {
		case !ok:
			err = fmt.Errorf("card %d: note %d missing", id, nid)
		case !decks[did]:
			err = fmt.Errorf("card %d: deck %d missing", id, did)
		case t.cloze && !n.clozes[ord+1]:
			err = fmt.Errorf("card %d: cloze ord %d has no {{c%d::", id, ord, ord+1)
		case !t.cloze && ord >= t.tmpls:
			err = fmt.Errorf("card %d: ord %d, the notetype has %d templates", id, ord, t.tmpls)
		case typ != 0 && typ != 2 || queue != typ && queue != -1 && queue != -3:
			err = fmt.Errorf("card %d: type %d queue %d", id, typ, queue)
		case typ == 2 && (ivl < 1 || factor < 1300 || due < 0):
			err = fmt.Errorf("card %d: review card with ivl %d factor %d due %d", id, ivl, factor, due)
		}
		if err != nil {
			rows.Close()
			return err
		}
		cards[id] = true
	}
	rows.Close()
	rows, err = db.Query(`SELECT id, cid, ease, type FROM revlog`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, cid int64
		var ease, typ int
		if err := rows.Scan(&id, &cid, &ease, &typ); err != nil {
			return err
		}
		if !cards[cid] || ease < 1 || ease > 4 || typ < 0 || typ > 2 {
			return fmt.Errorf("revlog %d: card %d, ease %d, type %d", id, cid, ease, typ)
		}
	}
	return rows.Err()
}

// TestAnkiReads checks packages of every shape this package writes with
// the reader that follows Anki's importer: with and without scheduling,
// with media, deck hierarchies and the markup Anki must not run.
func TestAnkiReads(t *testing.T) {
	s, day := gradedStore(t)
	for _, sched := range []bool{false, true} {
		if err := ankiReads(writePackage(t, s, day, sched), day.Time()); err != nil {
			t.Errorf("scheduling %v: %v", sched, err)
		}
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "net.png"), []byte("\x89PNG not really"), 0o644); err != nil {
		t.Fatal(err)
	}
	src := "# Tips <svg/onload=alert(1)> {{Deck}}\n\n## Part [1]\n\n**Q:** What does ![diagram](net.png) show?\n**A:** \\(\\href{javascript:alert(1)}{x}\\) [sound:a.mp3]\n"
	d, _, err := deck.Compile(filepath.Join(dir, "tips.md"), []byte(src), deck.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var cards []export.Card
	for _, c := range d.Cards {
		cards = append(cards, export.Card{Card: c, Deck: "Parent::" + d.Name, Source: d.Source})
	}
	names := map[string]string{}
	opt := anki.WriteOptions{Time: day.Time(), Day: day, TempDir: dir}
	for _, c := range cards {
		for _, img := range deck.Images(c.Front) {
			names[c.ImagePath(img)] = "abc-" + filepath.Base(img)
			opt.Media = append(opt.Media, anki.Media{Name: "abc-" + filepath.Base(img), Path: c.ImagePath(img)})
		}
	}
	opt.Notes.Media = func(c *export.Card, img string) string { return names[c.ImagePath(img)] }
	notes := cards
	path := filepath.Join(dir, "tips.apkg")
	f, _ := os.Create(path)
	if err := anki.Write(ctx, f, notes, opt); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := ankiReads(path, day.Time()); err != nil {
		t.Error(err)
	}
	if len(opt.Media) != 1 {
		t.Errorf("media %v, want the one image", opt.Media)
	}
	// Broken on purpose, the reader must refuse it: a future ID.
	if err := ankiReads(path, time.Unix(0, 0)); err == nil {
		t.Error("a package with IDs after the import's day passed the reader")
	}
}
