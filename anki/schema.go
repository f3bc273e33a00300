// Package anki reads and writes Anki's package files: .apkg packages that
// Anki, AnkiDroid and AnkiMobile import with a double click (Write), and the
// packages, collection packages and text exports that Anki writes (Open,
// ReadText), turned into spaced's cards with their scheduling.
//
// A package is a zip file. Write puts a collection in Anki's schema 11
// (collection.anki2, which every Anki since 2.1 reads), the media map and
// the media files into it. Open also reads the current layout, whose
// collection (collection.anki21b, schema 18) and media are compressed with
// zstd and described by a "meta" entry. The package never prints, exits or
// reads the clock or the environment.
package anki

import (
	"crypto/sha1"
	"encoding/binary"
	"encoding/json"
	"hash/fnv"
	"html"
	"strconv"
	"strings"

	"spaced/export"
)

// schema11 creates the tables of a collection in Anki's schema 11, the
// layout of collection.anki2.
const schema11 = `
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
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
`

// schema11Indexes creates the indexes of a schema 11 collection; a package
// builds them once its rows are in, which is faster than keeping them up
// to date row by row.
const schema11Indexes = `
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
`

// The IDs of the notetypes a package of spaced holds. Anki keeps a
// notetype of the same ID and fields that it already has, so importing a
// second package adds no copy of them.
const (
	basicID    int64 = 1764460800001
	reversedID int64 = 1764460800002
	clozeID    int64 = 1764460800003
)

// modelField is a field of a notetype in schema 11.
type modelField struct {
	Name   string   `json:"name"`
	Ord    int      `json:"ord"`
	Sticky bool     `json:"sticky"`
	RTL    bool     `json:"rtl"`
	Font   string   `json:"font"`
	Size   int      `json:"size"`
	Media  []string `json:"media"`
}

// modelTemplate is a card template of a notetype in schema 11.
type modelTemplate struct {
	Name  string `json:"name"`
	Ord   int    `json:"ord"`
	Qfmt  string `json:"qfmt"`
	Afmt  string `json:"afmt"`
	Bqfmt string `json:"bqfmt"`
	Bafmt string `json:"bafmt"`
	Did   *int64 `json:"did"`
}

// model is a notetype in schema 11 (the "models" column of col).
type model struct {
	ID        int64           `json:"id"`
	Name      string          `json:"name"`
	Type      int             `json:"type"` // 0 standard, 1 cloze
	Mod       int64           `json:"mod"`
	USN       int             `json:"usn"`
	Sortf     int             `json:"sortf"`
	Did       int64           `json:"did"`
	Tmpls     []modelTemplate `json:"tmpls"`
	Flds      []modelField    `json:"flds"`
	CSS       string          `json:"css"`
	LatexPre  string          `json:"latexPre"`
	LatexPost string          `json:"latexPost"`
	LatexSVG  bool            `json:"latexsvg"`
	Req       [][]any         `json:"req"`
	Tags      []string        `json:"tags"`
	Vers      []any           `json:"vers"`
}

const (
	cardCSS   = ".card {\n    font-family: arial;\n    font-size: 20px;\n    text-align: center;\n    color: black;\n    background-color: white;\n}\n"
	clozeCSS  = cardCSS + "\n.cloze {\n    font-weight: bold;\n    color: blue;\n}\n"
	latexPre  = "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n"
	latexPost = "\\end{document}"
)

// stockModels returns the three notetypes of a package, with the stock
// fields and templates of Anki's Basic, Basic (and reversed card) and
// Cloze, keyed by ID as the models column keys them.
func stockModels(mod int64) map[string]model {
	field := func(name string, ord int) modelField {
		return modelField{Name: name, Ord: ord, Font: "Arial", Size: 20, Media: []string{}}
	}
	tmpl := func(name string, ord int, q, a string) modelTemplate {
		return modelTemplate{Name: name, Ord: ord, Qfmt: q, Afmt: a}
	}
	forward := tmpl("Card 1", 0, "{{Front}}", "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}")
	mk := func(id int64, name string, typ int, css string, tmpls []modelTemplate, flds []modelField, req [][]any) model {
		return model{ID: id, Name: name, Type: typ, Mod: mod, USN: -1, Did: 1, Tmpls: tmpls, Flds: flds, CSS: css,
			LatexPre: latexPre, LatexPost: latexPost, Req: req, Tags: []string{}, Vers: []any{}}
	}
	basicFields := []modelField{field("Front", 0), field("Back", 1)}
	models := []model{
		mk(basicID, export.AnkiBasic, 0, cardCSS, []modelTemplate{forward}, basicFields,
			[][]any{{0, "any", []int{0}}}),
		mk(reversedID, export.AnkiBasicReversed, 0, cardCSS, []modelTemplate{forward,
			tmpl("Card 2", 1, "{{Back}}", "{{FrontSide}}\n\n<hr id=answer>\n\n{{Front}}")}, basicFields,
			[][]any{{0, "any", []int{0}}, {1, "any", []int{1}}}),
		mk(clozeID, export.AnkiCloze, 1, clozeCSS, []modelTemplate{tmpl("Cloze", 0, "{{cloze:Text}}", "{{cloze:Text}}<br>\n{{Back Extra}}")},
			[]modelField{field("Text", 0), field("Back Extra", 1)}, [][]any{{0, "any", []int{0}}}),
	}
	out := make(map[string]model, len(models))
	for _, m := range models {
		out[itoa(m.ID)] = m
	}
	return out
}

// modelID returns the ID of the notetype a package writes notes of name with.
func modelID(notetype string) int64 {
	switch notetype {
	case export.AnkiBasicReversed:
		return reversedID
	case export.AnkiCloze:
		return clozeID
	}
	return basicID
}

// deckJSON is a deck in schema 11 (the "decks" column of col).
type deckJSON struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Mod       int64  `json:"mod"`
	USN       int    `json:"usn"`
	Desc      string `json:"desc"`
	Dyn       int    `json:"dyn"`
	Conf      int64  `json:"conf"`
	Collapsed bool   `json:"collapsed"`
	NewToday  [2]int `json:"newToday"`
	RevToday  [2]int `json:"revToday"`
	LrnToday  [2]int `json:"lrnToday"`
	TimeToday [2]int `json:"timeToday"`
	ExtendNew int    `json:"extendNew"`
	ExtendRev int    `json:"extendRev"`
}

// deckID returns the ID a package gives the deck name: 1 for Anki's
// "Default", else a number made from the name, so the same deck has the
// same ID in every package.
func deckID(name string) int64 {
	if name == "Default" {
		return 1
	}
	h := fnv.New64a()
	h.Write([]byte(name))
	return int64(h.Sum64()>>13) + 1<<40
}

// decksColumn returns the decks column for the decks names: each, its
// parents (Anki wants every level of a "::" hierarchy) and Default.
func decksColumn(names []string, mod int64) (string, error) {
	decks := map[string]deckJSON{}
	add := func(name string) {
		id := deckID(name)
		decks[itoa(id)] = deckJSON{ID: id, Name: name, Mod: mod, USN: -1, Conf: 1, ExtendNew: 10, ExtendRev: 50}
	}
	add("Default")
	for _, name := range names {
		parts := strings.Split(name, "::")
		for i := range parts {
			add(strings.Join(parts[:i+1], "::"))
		}
	}
	b, err := json.Marshal(decks)
	return string(b), err
}

// dconfColumn is the one deck options group of a package, Anki's defaults.
const dconfColumn = `{"1":{"id":1,"mod":0,"name":"Default","usn":0,"maxTaken":60,"autoplay":true,"timer":0,"replayq":true,"dyn":false,` +
	`"new":{"bury":false,"delays":[1.0,10.0],"initialFactor":2500,"ints":[1,4,0],"order":1,"perDay":20},` +
	`"rev":{"bury":false,"ease4":1.3,"ivlFct":1.0,"maxIvl":36500,"perDay":200,"hardFactor":1.2},` +
	`"lapse":{"delays":[10.0],"leechAction":1,"leechFails":8,"minInt":1,"mult":0.0}}}`

// confColumn returns the collection options of a package.
func confColumn(deckID int64) string {
	return `{"activeDecks":[1],"curDeck":` + itoa(deckID) + `,"newSpread":0,"collapseTime":1200,"timeLim":0,` +
		`"estTimes":true,"dueCounts":true,"curModel":null,"nextPos":1,"sortType":"noteFld","sortBackwards":false,"addToCur":true}`
}

// stripHTML returns the text of an HTML field, as Anki sorts and checks
// notes by it: tags removed, entities decoded.
func stripHTML(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			break
		}
		s = s[i+j+1:]
	}
	return html.UnescapeString(b.String())
}

// checksum returns the csum of a note: the first 32 bits of the SHA-1 of
// its first field's text.
func checksum(field string) int64 {
	sum := sha1.Sum([]byte(stripHTML(field)))
	return int64(binary.BigEndian.Uint32(sum[:4]))
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
