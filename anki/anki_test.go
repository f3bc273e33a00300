package anki_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"spaced/anki"
	"spaced/deck"
	"spaced/export"
	"spaced/internal/testenv"
	"spaced/srs"
)

var ctx = context.Background()

// dayOf counts study days in UTC from midnight, as a collection in UTC
// with rollover 0 does.
func dayOf(t time.Time) srs.Day { return srs.StudyDay(t.UTC(), 0) }

func newStore(t *testing.T) *srs.Store {
	t.Helper()
	p := filepath.Join(t.TempDir(), "collection.db")
	if err := srs.Create(p, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := srs.Open(p, srs.Write)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// openDecks opens the package at path and returns its decks as an import
// on study day today would give them, with the media names it holds.
func openDecks(t *testing.T, path string, today srs.Day) ([]srs.ImportDeck, []string, []string) {
	t.Helper()
	p, err := anki.Open(ctx, path, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	var media []string
	for _, m := range p.Media {
		var buf bytes.Buffer
		if err := p.CopyMedia(&buf, m); err != nil {
			t.Fatal(err)
		}
		media = append(media, m.Name)
	}
	decks, warnings := p.Decks(anki.ConvertOptions{DayOf: dayOf, Today: today, Scheduling: true,
		Image: func(name string) string { return "/media/" + name }})
	return decks, warnings, media
}

// fronts returns "front / back" of every card of decks.
func fronts(decks []srs.ImportDeck) []string {
	var out []string
	for _, d := range decks {
		for _, c := range d.Cards {
			out = append(out, d.Name+": "+c.Card.Front+" / "+c.Card.Back)
		}
	}
	return out
}

// TestSharedPackages opens every package Anki wrote and checks what each
// holds, as the README beside them describes it.
func TestSharedPackages(t *testing.T) {
	dir := filepath.Join(testenv.Shared(t), "anki")
	for _, tc := range []struct {
		file  string
		cards []string
		media int
	}{
		{"update1.apkg", []string{"Default: hello / world"}, 0},
		{"update2.apkg", []string{"Default: goodbye / world"}, 0},
		{"media.apkg", []string{"Default: [sound:foo.wav] / "}, 1},
		{"diffmodels2-1.apkg", []string{"Default: front / back"}, 0},
		{"diffmodels2-2.apkg", []string{"Default: front / back", "Default: back / front"}, 0},
		{"diffmodeltemplates-1.apkg", []string{"testdeck: question? / answer!"}, 2},
	} {
		t.Run(tc.file, func(t *testing.T) {
			decks, warnings, media := openDecks(t, filepath.Join(dir, tc.file), srs.DayOf(2026, 12, 1))
			if got := fronts(decks); !slices.Equal(got, tc.cards) {
				t.Errorf("cards %q, want %q", got, tc.cards)
			}
			if len(media) != tc.media {
				t.Errorf("media %q, want %d files", media, tc.media)
			}
			if len(warnings) > 0 {
				t.Errorf("warnings %q", warnings)
			}
			s := newStore(t)
			res, err := s.Import(ctx, decks, time.Unix(0, 0))
			if err != nil || res.New != len(tc.cards) {
				t.Fatalf("Import: %+v, %v; want %d new", res, err, len(tc.cards))
			}
			if res, err := s.Import(ctx, decks, time.Unix(0, 0)); err != nil || res.Unchanged != len(tc.cards) || res.New+res.Updated != 0 {
				t.Errorf("second Import: %+v, %v; want every card unchanged", res, err)
			}
		})
	}
}

// TestSharedUpdate imports update1.apkg, reviews its card, then imports
// update2.apkg: the same note (GUID) with a new front, updated in place
// with its history kept.
func TestSharedUpdate(t *testing.T) {
	dir := filepath.Join(testenv.Shared(t), "anki")
	day := srs.DayOf(2026, 12, 1)
	s := newStore(t)
	d1, _, _ := openDecks(t, filepath.Join(dir, "update1.apkg"), day)
	if _, err := s.Import(ctx, d1, time.Unix(0, 0)); err != nil {
		t.Fatal(err)
	}
	id := d1[0].Cards[0].Card.ID
	if _, err := s.Grade(id, 4, day, day.Time()); err != nil {
		t.Fatal(err)
	}
	d2, _, _ := openDecks(t, filepath.Join(dir, "update2.apkg"), day)
	if got := d2[0].Cards[0].Card.ID; got != id {
		t.Fatalf("update2's card has ID %s, update1's %s: the GUID must give the same ID", got, id)
	}
	res, err := s.Import(ctx, d2, time.Unix(0, 0))
	if err != nil || res.Updated != 1 || res.New != 0 {
		t.Fatalf("Import update2: %+v, %v; want 1 updated", res, err)
	}
	it, err := s.Item(id)
	if err != nil {
		t.Fatal(err)
	}
	if it.Card.Front != "goodbye" || it.State.IsNew() {
		t.Errorf("after update2: front %q, state %+v; want goodbye, reviewed", it.Card.Front, it.State)
	}
	if h, _ := s.History(id); len(h) != 1 {
		t.Errorf("history %d reviews, want the 1 made before the update", len(h))
	}
	// update1 again: its note is older than update2's, so nothing changes.
	d1, _, _ = openDecks(t, filepath.Join(dir, "update1.apkg"), day)
	if res, err := s.Import(ctx, d1, time.Unix(0, 0)); err != nil || res.Unchanged != 1 {
		t.Errorf("Import update1 after update2: %+v, %v; want it unchanged", res, err)
	}
	if it, _ := s.Item(id); it.Card.Front != "goodbye" {
		t.Errorf("after update1 again the front is %q: an older package undid a newer one", it.Card.Front)
	}
}

// TestLatestLayout reads a package in Anki's current layout: meta,
// collection.anki21b and media compressed with zstd, schema 18.
func TestLatestLayout(t *testing.T) {
	path := filepath.Join(t.TempDir(), "latest.apkg")
	writeLatest(t, path, 3, []latestNote{
		{id: 10, guid: "Ab!x", notetype: 1, fields: []string{"<b>VPC</b> peering", `one <i>route</i><br>per pair<img src="net.png">`}, tags: " net  exam ", deck: 7,
			cards: []latestCard{{id: 100, typ: 2, queue: 2, due: 30, ivl: 12, factor: 2300, lapse: 1,
				revlog: [][3]int64{{1764590400000, 3, 1}, {1764763200000, 1, 1}, {1764849600000, 3, 4}, {1765195200000, 4, 12}}}}},
		{id: 11, guid: "Zq#9", notetype: 2, fields: []string{"S3", "object storage"}, deck: 1,
			cards: []latestCard{{id: 110, ord: 0}, {id: 111, ord: 1, queue: -1}}},
		{id: 12, guid: "Cl0z", notetype: 3, fields: []string{"{{c1::IAM}} grants {{c2::permissions}}", ""}, deck: 1,
			cards: []latestCard{{id: 120, ord: 0}, {id: 121, ord: 1, typ: 2, queue: -3, due: 3, ivl: 3, factor: 2500}}},
		{id: 13, guid: "V1", notetype: 4, fields: []string{"ephemeral", "short-lived", "an ephemeral port"}, deck: 1, cards: []latestCard{{id: 130}}},
		{id: 14, guid: "V2", notetype: 4, fields: []string{"durable", "lasting", ""}, deck: 1, cards: []latestCard{{id: 140}}},
		{id: 15, guid: "Huge", notetype: 1, fields: []string{"overflow", "every value past its bound"}, deck: 1,
			cards: []latestCard{{id: 150, typ: 2, queue: 2, due: 1 << 62, ivl: 1 << 40, factor: 1 << 40, lapse: 1 << 40,
				revlog: [][3]int64{{1 << 62, 3, 1}, {-1 << 62, 3, 1}}}}},
	}, map[string][]byte{"net.png": []byte("not really a PNG")})
	decks, warnings, media := openDecks(t, path, srs.DayOf(2026, 12, 20))
	if len(warnings) != 1 || !strings.Contains(warnings[0], `note "V1": notetype "Vocab" is not a front-and-back or cloze type`) {
		t.Errorf("warnings %q, want one naming the notetype Vocab", warnings)
	}
	if !slices.Equal(media, []string{"net.png"}) {
		t.Errorf("media %q, want net.png", media)
	}
	want := []string{
		"Exams::Cloud: **VPC** peering / one *route*\nper pair![](/media/net.png)",
		"Default: S3 / object storage",
		"Default: object storage / S3",
		"Default: [...] grants permissions / IAM\n\n**IAM** grants permissions",
		"Default: IAM grants [...] / permissions\n\nIAM grants **permissions**",
		"Default: ephemeral / short-lived\nan ephemeral port",
		"Default: durable / lasting",
		"Default: overflow / every value past its bound",
	}
	if got := fronts(decks); !slices.Equal(got, want) {
		t.Errorf("cards\n%q\nwant\n%q", got, want)
	}
	if len(decks) != 2 || decks[0].Title != "Cloud" {
		t.Fatalf("decks %d, first titled %q; want 2, Cloud", len(decks), decks[0].Title)
	}
	vpc := decks[0].Cards[0]
	// crt 1764504000 is 2025-11-30 12:00 UTC: due 30 days later.
	wantState := srs.State{Repetitions: 2, EF: 230, Interval: 12, Lapses: 1, Due: srs.DayOf(2025, 12, 30), Last: srs.DayOf(2025, 12, 8)}
	if vpc.State != wantState {
		t.Errorf("state %+v, want %+v", vpc.State, wantState)
	}
	if len(vpc.History) != 4 || vpc.History[1].Quality != 1 || vpc.History[3].Quality != 5 || vpc.History[0].Day != srs.DayOf(2025, 12, 1) {
		t.Errorf("history %+v", vpc.History)
	}
	if !slices.Equal(vpc.Card.Tags, []string{"net", "exam"}) || vpc.GUID != "Ab!x" {
		t.Errorf("tags %q, GUID %q", vpc.Card.Tags, vpc.GUID)
	}
	s3, s3r := decks[1].Cards[0], decks[1].Cards[1]
	if !s3r.Card.Reverse || !s3r.Suspended || s3.Card.Note != s3.Card.ID || s3r.Card.Note != s3.Card.ID {
		t.Errorf("reversed card: reverse %v, suspended %v, notes %q %q (first card %s)", s3r.Card.Reverse, s3r.Suspended, s3.Card.Note, s3r.Card.Note, s3.Card.ID)
	}
	huge := decks[1].Cards[len(decks[1].Cards)-1]
	if want := (srs.State{Repetitions: 2, EF: 1000, Interval: srs.MaxInterval, Lapses: 100_000, Due: srs.DayOf(2026, 12, 20),
		Last: srs.DayOf(1970, 1, 1), Leech: true}); huge.State != want || len(huge.History) != 0 {
		t.Errorf("values past their bounds: %+v with %d reviews, want %+v and none", huge.State, len(huge.History), want)
	}
	if c2 := decks[1].Cards[3]; c2.Card.Kind != deck.KindCloze || c2.Card.Cloze != 2 || c2.BuriedUntil != srs.DayOf(2026, 12, 21) {
		t.Errorf("cloze 2: kind %s, cloze %d, buried until %s", c2.Card.Kind, c2.Card.Cloze, c2.BuriedUntil)
	}
}

// TestBadPackages checks that each kind of broken package is refused with
// an error naming the file.
func TestBadPackages(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, entries map[string][]byte) string {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, n := range slices.Sorted(func(yield func(string) bool) {
			for k := range entries {
				if !yield(k) {
					return
				}
			}
		}) {
			w, _ := zw.Create(n)
			w.Write(entries[n])
		}
		zw.Close()
		p := filepath.Join(dir, name)
		os.WriteFile(p, buf.Bytes(), 0o644)
		return p
	}
	newer := filepath.Join(dir, "newer.apkg")
	writeLatest(t, newer, 4, nil, nil)
	for _, tc := range []struct {
		path, want string
	}{
		{writeFile(t, dir, "text.apkg", "hello"), "not an Anki package"},
		{write("empty.apkg", map[string][]byte{"readme.txt": []byte("hi")}), "no collection.anki2"},
		{write("escape.apkg", map[string][]byte{"../evil": []byte("x"), "collection.anki2": nil}), `"../evil" leaves the package's folder`},
		{write("corrupt.apkg", map[string][]byte{"collection.anki2": bytes.Repeat([]byte("garbage!"), 512)}), "damaged or not Anki's"},
		{newer, "newer Anki format"},
	} {
		_, err := anki.Open(ctx, tc.path, dir)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), tc.path+": ") {
			t.Errorf("Open(%s) = %v, want an error starting with the path and holding %q", filepath.Base(tc.path), err, tc.want)
		}
	}
}

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestMediaTooLarge checks that a media file over the limit is an error
// of that file, not a package read whole into memory.
func TestMediaTooLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.apkg")
	writeLatest(t, path, 3, nil, map[string][]byte{"big.bin": make([]byte, anki.MaxMedia+1)})
	p, err := anki.Open(ctx, path, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	err = p.CopyMedia(io.Discard, p.Media[0])
	if err == nil || !strings.Contains(err.Error(), "big.bin: over the limit") {
		t.Errorf("CopyMedia = %v, want the limit named", err)
	}
}

// TestSafeName checks which media names may be written into a folder.
func TestSafeName(t *testing.T) {
	for name, want := range map[string]bool{
		"a.png": true, "ünï.jpg": true, "../a.png": false, "a/b.png": false, `a\b.png`: false,
		"..": false, ".": false, "": false, "/etc/passwd": false, "a\x00b": false, "C:x": false,
	} {
		if got := anki.SafeName(name); got != want {
			t.Errorf("SafeName(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestEase checks the mapping of SM-2 qualities to Anki's buttons and back.
func TestEase(t *testing.T) {
	for q, want := range []int{1, 1, 1, 2, 3, 4} {
		if got := anki.Ease(q); got != want {
			t.Errorf("Ease(%d) = %d, want %d", q, got, want)
		}
		if back := anki.Quality(want); q >= srs.PassQuality && back != q || q < srs.PassQuality && back != 1 {
			t.Errorf("Quality(Ease(%d)) = %d", q, back)
		}
	}
	if anki.Quality(0) != -1 || anki.Quality(5) != -1 {
		t.Error("Quality of a button that does not exist must be -1")
	}
}

// TestMarkup checks the reading of Anki's HTML fields as card text.
func TestMarkup(t *testing.T) {
	img := func(name string) string {
		if name == "missing.png" {
			return ""
		}
		return "media/" + name
	}
	for in, want := range map[string]string{
		"plain":                               "plain",
		"<b>bold</b> and <strong>s</strong>":  "**bold** and **s**",
		"<i>it</i> <em>e</em> <code>x</code>": "*it* *e* `x`",
		"a<br>b<br/>c":                        "a\nb\nc",
		"<div>one</div><div>two</div>":        "one\ntwo",
		"a &lt; b &amp;&amp; c&nbsp;d":        "a < b && c d",
		`<img src="x.png" alt="net">`:         "![net](media/x.png)",
		`<img src="missing.png">gone`:         "gone",
		"<script>alert(1)</script>safe":       "safe",
		"<b>unclosed":                         "**unclosed**",
		"<span style='color:red'>red</span>":  "red",
		"{{c1::kept}} [sound:a.mp3]":          "{{c1::kept}} [sound:a.mp3]",
		"<p>a</p>\n\n\n<p>b</p>":              "a\n\nb",
		strings.Repeat("<b>", 5000) + "deep":  "**deep**",
		"<b></b>empty <i> </i>":               "empty * *",
		"<b>a<i>b</b>c</i>":                   "**a*bc***", // misnested: each closes in turn
	} {
		if got := anki.Markup(in, img); got != want {
			t.Errorf("Markup(%.40q) = %.80q, want %.80q", in, got, want)
		}
	}
}

// exportCards returns the cards of a deck with a two-way note and a cloze
// note, as the collection gives them to an export.
func exportCards(t *testing.T) []export.Card {
	t.Helper()
	d, _, err := deck.Compile("trip.md", []byte(tripChapter), deck.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var cards []export.Card
	for _, c := range d.Cards {
		cards = append(cards, export.Card{Card: c, Deck: "Exams::" + d.Name, Source: "trip.md"})
	}
	return cards
}

// TestWriteDeterministic checks that the same cards give the same bytes.
func TestWriteDeterministic(t *testing.T) {
	notes := exportCards(t)
	opt := anki.WriteOptions{Time: time.Unix(1764547200, 0).UTC(), Day: srs.DayOf(2025, 12, 1), TempDir: t.TempDir()}
	var a, b bytes.Buffer
	if err := anki.Write(ctx, &a, notes, opt); err != nil {
		t.Fatal(err)
	}
	if err := anki.Write(ctx, &b, notes, opt); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) || a.Len() < 1000 {
		t.Errorf("two writes differ (%d and %d bytes)", a.Len(), b.Len())
	}
	ctx2, cancel := context.WithCancelCause(ctx)
	cancel(errors.New("stopped"))
	if err := anki.Write(ctx2, &b, notes, opt); err == nil {
		t.Error("Write with a cancelled context succeeded")
	}
}

// TestSharedNotetypeChange imports a note as Basic, then under a notetype
// that gives it a reversed card, then as Basic again: the note keeps both
// cards, and an export writes it once.
func TestSharedNotetypeChange(t *testing.T) {
	dir := filepath.Join(testenv.Shared(t), "anki")
	s := newStore(t)
	for _, f := range []string{"diffmodels2-1.apkg", "diffmodels2-2.apkg", "diffmodels2-1.apkg"} {
		decks, _, _ := openDecks(t, filepath.Join(dir, f), srs.DayOf(2026, 12, 1))
		if _, err := s.Import(ctx, decks, time.Unix(0, 0)); err != nil {
			t.Fatal(err)
		}
	}
	items, err := s.Cards(deck.Filter{}, false)
	if err != nil {
		t.Fatal(err)
	}
	var cards []export.Card
	for _, it := range items {
		cards = append(cards, export.Card{Card: it.Card, Deck: it.Deck, GUID: it.GUID})
	}
	notes, err := export.AnkiNotes(cards, export.AnkiOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 1 || len(notes[0].Cards) != 2 || notes[0].Notetype != export.AnkiBasicReversed {
		t.Errorf("%d notes (first: %+v), want one two-way note of both cards", len(notes), notes)
	}
}
