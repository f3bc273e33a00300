package anki

import (
	"archive/zip"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the SQLite driver

	"spaced/deck"
	"spaced/export"
	"spaced/internal/sqlbatch"
	"spaced/srs"
)

// Schedule is a card's scheduling as a package carries it.
type Schedule struct {
	State     srs.State
	Suspended bool
	Buried    bool         // buried on the study day of the export
	Reviews   []srs.Review // its SM-2 reviews, oldest first (drill grades are left out)
}

// Media is a file a package carries for the cards' <img> tags.
type Media struct {
	Name string // the name the tags use, in Anki's media folder
	Path string // the file to copy
}

// WriteOptions adjusts Write.
type WriteOptions struct {
	// Time is every modification time the package holds, so that the same
	// cards give the same bytes.
	Time time.Time
	// Day is the study day of the export: the day Anki's collection
	// creation time falls on, unless a card was reviewed or is due earlier.
	Day srs.Day
	// Schedule, when not nil, gives the scheduling of a card by ID (false:
	// the card is new); nil writes every card new.
	Schedule func(id string) (Schedule, bool)
	Media    []Media
	// TempDir holds the collection while it is written ("": os.TempDir).
	TempDir string
	// Notes names the deck of every note and the images (export.AnkiOptions).
	Notes export.AnkiOptions
}

// Write writes the notes of cards (export.EachAnkiNote) as an Anki package
// to w: a zip holding
// collection.anki2 (Anki's schema 11), the media map ("media": a JSON
// object from the zip entry name "0", "1", … to the file name) and the media
// files. Every note's GUID is its ID, so importing the package again updates
// the notes in place; notes and cards are numbered in Anki as Anki numbers
// them, by instants before opt.Time, and a note's data holds the IDs of its
// cards (noteData). The
// notetypes are Anki's stock Basic, Basic (and reversed card) and Cloze.
// Notes go to their decks, with every parent of a "::" hierarchy. Without a
// Schedule every card is new, in note order; with one, see Schedule,
// cardSchedule and revlogRow. The same cards and options give the same
// bytes. Notes are written one at a time, so memory grows with the cards
// given, not with what is written of them.
func Write(ctx context.Context, w io.Writer, cards []export.Card, opt WriteOptions) error {
	f, err := os.CreateTemp(opt.TempDir, "spaced-apkg-*.anki2")
	if err != nil {
		return err
	}
	path := f.Name()
	f.Close()
	defer os.Remove(path)
	defer os.Remove(path + "-journal")
	if err := writeCollection(ctx, path, cards, opt); err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	if err := addFile(zw, "collection.anki2", path, opt.Time); err != nil {
		return err
	}
	names := make(map[string]string, len(opt.Media))
	for i, m := range opt.Media {
		names[strconv.Itoa(i)] = m.Name
	}
	mw, err := zw.CreateHeader(&zip.FileHeader{Name: "media", Method: zip.Deflate, Modified: opt.Time})
	if err != nil {
		return err
	}
	if err := json.NewEncoder(mw).Encode(names); err != nil {
		return err
	}
	for i, m := range opt.Media {
		if err := ctx.Err(); err != nil {
			return context.Cause(ctx)
		}
		if err := addFile(zw, strconv.Itoa(i), m.Path, opt.Time); err != nil {
			return err
		}
	}
	return zw.Close()
}

// addFile copies the file at path into zw as name.
func addFile(zw *zip.Writer, name, path string, mod time.Time) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: mod})
	if err != nil {
		return err
	}
	_, err = io.Copy(w, f)
	return err
}

// writeCollection writes the collection of a package to the empty file path.
func writeCollection(ctx context.Context, path string, cards []export.Card, opt WriteOptions) error {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(OFF)&_pragma=synchronous(OFF)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, schema11); err != nil {
		return err
	}
	crt := creationDay(cards, opt)
	mod := opt.Time.Unix()
	var deckNames []string
	seen := map[string]bool{}
	for i := range cards {
		n := opt.Notes.Deck
		if n == "" {
			n = cards[i].Deck
		}
		if !seen[n] {
			seen[n] = true
			deckNames = append(deckNames, export.AnkiDeckName(n))
		}
	}
	decks, err := decksColumn(deckNames, mod)
	if err != nil {
		return err
	}
	models, err := json.Marshal(stockModels(mod))
	if err != nil {
		return err
	}
	first := int64(1)
	if len(deckNames) > 0 {
		first = deckID(deckNames[0])
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')`,
		crt.Time().Unix()+12*3600, opt.Time.UnixMilli(), opt.Time.UnixMilli(), confColumn(first), string(models), decks, dconfColumn); err != nil {
		return err
	}
	cw, err := newCollectionWriter(ctx, tx, crt, mod, opt)
	if err != nil {
		return err
	}
	cw.nextNote = opt.Time.UnixMilli() - 2*int64(len(cards))
	cw.nextCard = opt.Time.UnixMilli() - int64(len(cards))
	defer cw.close()
	pos := 0
	err = export.EachAnkiNote(cards, opt.Notes, func(n *export.AnkiNote) error {
		if pos++; pos%1024 == 0 && ctx.Err() != nil {
			return context.Cause(ctx)
		}
		return cw.note(n, pos)
	})
	if err == nil {
		err = cw.flush()
	}
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, schema11Indexes); err != nil {
		return err
	}
	return tx.Commit()
}

// creationDay returns the study day a package's collection was created on:
// the day of the export, or the earliest day a card was reviewed or is due,
// so that no due day of a card is before it. Its time is noon UTC, which
// falls on the same calendar day in every time zone from UTC−12 to UTC+11.
func creationDay(cards []export.Card, opt WriteOptions) srs.Day {
	day := opt.Day
	if opt.Schedule == nil {
		return day
	}
	for i := range cards {
		s, ok := opt.Schedule(cards[i].ID)
		if !ok || s.State.IsNew() {
			continue
		}
		day = min(day, s.State.Due, s.State.Last)
		for _, r := range s.Reviews {
			day = min(day, r.Day)
		}
	}
	return day
}

// collectionWriter writes the notes, cards and review log of a collection.
type collectionWriter struct {
	ctx                  context.Context
	notes, cards, revlog *sqlbatch.Batch
	crt                  srs.Day
	mod                  int64
	opt                  WriteOptions
	revlogIDs            map[int64]bool  // the revlog IDs taken
	revlogNext           map[int64]int64 // an instant → the first ID after it that may be free
	// The Anki IDs of the next note and card: instants before the
	// export's, counted up, as Anki makes IDs (it renumbers IDs that lie
	// in the future).
	nextNote, nextCard int64
}

func newCollectionWriter(ctx context.Context, tx *sql.Tx, crt srs.Day, mod int64, opt WriteOptions) (*collectionWriter, error) {
	cw := &collectionWriter{ctx: ctx, crt: crt, mod: mod, opt: opt, revlogIDs: map[int64]bool{}, revlogNext: map[int64]int64{}}
	var err error
	for _, p := range []struct {
		b         **sqlbatch.Batch
		head, row string
	}{
		{&cw.notes, `INSERT INTO notes VALUES `, `(?, ?, ?, ?, -1, ?, ?, ?, ?, 0, ?)`},
		{&cw.cards, `INSERT INTO cards VALUES `, `(?, ?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, '')`},
		{&cw.revlog, `INSERT INTO revlog VALUES `, `(?, ?, -1, ?, ?, ?, ?, 0, ?)`},
	} {
		if *p.b, err = sqlbatch.New(ctx, tx, p.head, p.row); err != nil {
			cw.close()
			return nil, err
		}
	}
	return cw, nil
}

// flush writes the rows the batches hold.
func (cw *collectionWriter) flush() error {
	for _, b := range []*sqlbatch.Batch{cw.notes, cw.cards, cw.revlog} {
		if err := b.Flush(); err != nil {
			return err
		}
	}
	return nil
}

func (cw *collectionWriter) close() {
	for _, b := range []*sqlbatch.Batch{cw.notes, cw.cards, cw.revlog} {
		b.Close()
	}
}

// note writes note n, the pos-th of the package, and its cards.
func (cw *collectionWriter) note(n *export.AnkiNote, pos int) error {
	nid := cw.nextNote
	cw.nextNote++
	tags := ""
	if len(n.Tags) > 0 {
		tags = " " + strings.Join(n.Tags, " ") + " "
	}
	data := noteData{}
	data.Spaced.Kind, data.Spaced.Section, data.Spaced.Line = n.Kind, n.Section, n.Line
	data.Spaced.Cards = make([]noteCard, 0, len(n.Cards))
	did := deckID(n.Deck)
	for _, c := range n.Cards {
		cid := cw.nextCard
		cw.nextCard++
		data.Spaced.Cards = append(data.Spaced.Cards, noteCard{Ord: c.Ord, ID: c.ID})
		nc := &data.Spaced.Cards[len(data.Spaced.Cards)-1]
		var s Schedule
		ok := false
		if cw.opt.Schedule != nil {
			s, ok = cw.opt.Schedule(c.ID)
		}
		r := cardSchedule(s, ok, pos, cw.crt)
		if err := cw.cards.Add(cid, nid, did, c.Ord, cw.mod,
			r.typ, r.queue, r.due, r.ivl, r.factor, r.reps, r.lapses); err != nil {
			return fmt.Errorf("card %s: %w", c.ID, err)
		}
		if !ok {
			continue
		}
		for _, rv := range s.Reviews {
			nc.Days = append(nc.Days, rv.Day.String())
			id := cw.revlogID(revlogInstant(rv).UnixMilli())
			l := revlogRow(rv)
			if err := cw.revlog.Add(id, cid, l.ease, l.ivl, l.lastIvl, l.factor, l.typ); err != nil {
				return fmt.Errorf("card %s: %w", c.ID, err)
			}
		}
	}
	b, err := json.Marshal(data)
	if err != nil {
		return err
	}
	if err := cw.notes.Add(nid, n.GUID, modelID(n.Notetype), cw.mod, tags,
		n.Fields[0]+"\x1f"+n.Fields[1], stripHTML(n.Fields[0]), checksum(n.Fields[0]), string(b)); err != nil {
		return fmt.Errorf("note %s: %w", n.GUID, err)
	}
	return nil
}

// revlogInstant returns the instant a revlog row gives review r: its own,
// or noon UTC of its study day when the two lie more than a day apart (a
// review graded with an explicit study day), as Anki files a review under
// the day of its instant.
func revlogInstant(r srs.Review) time.Time {
	if d := r.Day.Sub(srs.DayOf(r.At.UTC().Date())); d < -1 || d > 1 {
		return r.Day.Time().Add(12 * time.Hour)
	}
	return r.At
}

// revlogID returns the revlog ID of a review at instant ms: ms, or the
// first millisecond after it not taken, as Anki's revlog IDs are unique
// instants. Reviews of one instant take one lookup each.
func (cw *collectionWriter) revlogID(ms int64) int64 {
	id := ms
	if next, ok := cw.revlogNext[ms]; ok {
		id = next
	}
	for cw.revlogIDs[id] {
		id++
	}
	cw.revlogIDs[id] = true
	cw.revlogNext[ms] = id + 1
	return id
}

// noteData is what the data column of a note holds, which Anki leaves
// alone and Open reads back: the kind, section and source line of its
// cards, and of each card its template number (ord), ID and the study day
// of each of its reviews in revlog order, {"spaced":{"kind":"qa",
// "section":"Part 1","line":12,"cards":[{"ord":0,"id":"0a1b2c3d4e",
// "days":["2026-11-02"]}]}}. Anki's card IDs are its own, and a revlog row
// holds the instant of a review, whose study day depends on the time zone
// and rollover hour.
type noteData struct {
	Spaced struct {
		Kind    deck.Kind  `json:"kind"`
		Section string     `json:"section,omitempty"`
		Line    int        `json:"line,omitempty"`
		Cards   []noteCard `json:"cards,omitempty"`
	} `json:"spaced"`
}

// noteCard is a card of noteData.
type noteCard struct {
	Ord  int      `json:"ord"`
	ID   string   `json:"id"`
	Days []string `json:"days,omitempty"`
}

// cardRow is the scheduling columns of a card row.
type cardRow struct{ typ, queue, due, ivl, factor, reps, lapses int }

// Anki's card types and queues.
const (
	typeNew      = 0
	typeReview   = 2
	queueSuspend = -1
	queueSibling = -2
	queueBuried  = -3
)

// cardSchedule returns the scheduling columns of a card with schedule s
// (ok false: none) that is the pos-th note's, in a collection created on
// study day crt. A new card is type 0 in the new queue at its note's
// position. A reviewed card is a review card (type 2, queue 2): interval
// the SM-2 interval, ease factor the E-Factor × 1000, due its due day as
// days since crt, reps its SM-2 reviews, lapses its lapses. A suspended
// card is in queue −1, a buried one in queue −3, their type unchanged.
func cardSchedule(s Schedule, ok bool, pos int, crt srs.Day) cardRow {
	r := cardRow{typ: typeNew, due: pos}
	if ok && !s.State.IsNew() {
		r = cardRow{typ: typeReview, queue: typeReview, due: s.State.Due.Sub(crt), ivl: s.State.Interval,
			factor: s.State.EF * 10, reps: len(s.Reviews), lapses: s.State.Lapses}
	}
	switch {
	case !ok:
	case s.Suspended:
		r.queue = queueSuspend
	case s.Buried:
		r.queue = queueBuried
	}
	return r
}

// revlogCols is the columns of a revlog row but its ID and card.
type revlogCols struct{ ease, ivl, lastIvl, factor, typ int }

// revlogRow returns the revlog row of an SM-2 review: the button (Ease),
// the interval after and before it in days, the E-Factor after it × 1000,
// and the kind of review: 0 (learning) for a card's first review, 2
// (relearning) for the first after a lapse, else 1 (review).
func revlogRow(r srs.Review) revlogCols {
	typ := 1
	switch {
	case r.Before.IsNew():
		typ = 0
	case r.Before.Repetitions == 0:
		typ = 2
	}
	return revlogCols{ease: Ease(r.Quality), ivl: r.After.Interval, lastIvl: r.Before.Interval, factor: r.After.EF * 10, typ: typ}
}

// Ease returns the Anki answer button of SM-2 quality q: 1 (Again) for a
// failed grade (0–2), 2 (Hard) for 3, 3 (Good) for 4, 4 (Easy) for 5.
func Ease(q int) int {
	if q < srs.PassQuality {
		return 1
	}
	return q - 1
}

// Quality returns the SM-2 quality of Anki answer button ease (1–4): 1 for
// Again, 3 for Hard, 4 for Good, 5 for Easy; -1 for anything else (a manual
// reschedule has ease 0). Quality(Ease(q)) is q for every passing grade.
func Quality(ease int) int {
	switch {
	case ease == 1:
		return 1
	case ease >= 2 && ease <= 4:
		return ease + 1
	}
	return -1
}
