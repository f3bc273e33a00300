package anki_test

import (
	"encoding/json"
	"os"
	"os/exec"
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

// gradedStore returns a collection holding the cards of exportCards, each
// graded over several study days with every quality, one suspended and one
// buried on the last day, and that day.
func gradedStore(t *testing.T) (*srs.Store, srs.Day) {
	t.Helper()
	s := newStore(t)
	d, _, err := deck.Compile("trip.md", []byte(tripChapter), deck.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d.Name = "Exams::Round trip"
	if _, err := s.Sync(ctx, d, time.Unix(1764547200, 0)); err != nil {
		t.Fatal(err)
	}
	day := srs.DayOf(2025, 12, 1)
	for round := 0; round < 4; round++ {
		for i, c := range d.Cards {
			if i == len(d.Cards)-1 && round > 0 {
				continue // one card reviewed once
			}
			q := (i + round*2) % 6
			if _, err := s.Grade(c.ID, q, day, day.Time().Add(time.Duration(i)*time.Minute+10*time.Hour)); err != nil {
				t.Fatal(err)
			}
		}
		day = day.Add(7)
	}
	if _, err := s.Suspend([]string{d.Cards[0].ID}, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Bury([]string{d.Cards[1].ID}, day); err != nil {
		t.Fatal(err)
	}
	return s, day
}

const tripChapter = "# Round trip\n\n## Storage\n\n**Q:** What is S3?\n**A:** Object storage with *eleven* nines.\n\n" +
	"**Q:** What is EBS?\n**A:** Block storage for **one** instance.\n\n" +
	"IAM:::Identity and Access Management\n\n{{c1::Lambda}} runs code without {{c2::servers}}.\n"

// writePackage writes the collection's cards to a package, with their
// scheduling when sched is set, and returns its path.
func writePackage(t *testing.T, s *srs.Store, day srs.Day, sched bool) string {
	t.Helper()
	items, err := s.Cards(deck.Filter{}, false)
	if err != nil {
		t.Fatal(err)
	}
	reviews, err := s.Reviews()
	if err != nil {
		t.Fatal(err)
	}
	var cards []export.Card
	byID := map[string]anki.Schedule{}
	for _, it := range items {
		cards = append(cards, export.Card{Card: it.Card, Deck: it.Deck, Leech: it.State.Leech, Source: it.Source, GUID: it.GUID})
		byID[it.Card.ID] = anki.Schedule{State: it.State, Suspended: it.Suspended, Buried: it.BuriedUntil > day}
	}
	for _, r := range reviews {
		sc := byID[r.CardID]
		sc.Reviews = append(sc.Reviews, r)
		byID[r.CardID] = sc
	}
	notes := cards
	opt := anki.WriteOptions{Time: day.Time(), Day: day, TempDir: t.TempDir()}
	if sched {
		opt.Schedule = func(id string) (anki.Schedule, bool) { sc, ok := byID[id]; return sc, ok }
	}
	path := filepath.Join(t.TempDir(), "trip.apkg")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := anki.Write(ctx, f, notes, opt); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestRoundTrip exports a graded collection with its scheduling and
// imports the package into an empty one: the same cards, IDs, states,
// suspensions and burials, and a history with the same days, intervals and
// E-Factors; qualities come back through Anki's four buttons.
func TestRoundTrip(t *testing.T) {
	s, day := gradedStore(t)
	path := writePackage(t, s, day, true)
	decks, warnings, _ := openDecks(t, path, day)
	if len(warnings) > 0 {
		t.Errorf("warnings %q", warnings)
	}
	r := newStore(t)
	if _, err := r.Import(ctx, decks, time.Unix(0, 0)); err != nil {
		t.Fatal(err)
	}
	want, _ := s.Cards(deck.Filter{}, false)
	got, _ := r.Cards(deck.Filter{}, false)
	if len(got) != len(want) || len(want) < 6 {
		t.Fatalf("%d cards back, want %d", len(got), len(want))
	}
	for i := range want {
		w, g := want[i], got[i]
		w.Source, g.Source = "", ""
		w.Card.Line, g.Card.Line = 0, 0
		if !equalItems(w, g) {
			t.Errorf("card %d:\n got %+v\nwant %+v", i, g, w)
		}
		wh, _ := s.History(w.Card.ID)
		gh, _ := r.History(g.Card.ID)
		if len(wh) != len(gh) {
			t.Errorf("card %s: %d reviews back, want %d", w.Card.ID, len(gh), len(wh))
			continue
		}
		for k := range wh {
			a, b := wh[k], gh[k]
			q := a.Quality
			if q < srs.PassQuality {
				q = 1
			}
			if a.Day != b.Day || a.After.Interval != b.After.Interval || a.After.EF != b.After.EF || b.Quality != q || !b.Imported || !a.At.Equal(b.At) {
				t.Errorf("card %s review %d: got %+v, want %+v (quality %d)", w.Card.ID, k, b, a, q)
			}
		}
	}
	// Again: nothing changes.
	if res, err := r.Import(ctx, decks, time.Unix(0, 0)); err != nil || res.New+res.Updated+res.Reviews != 0 {
		t.Errorf("second import: %+v, %v", res, err)
	}
	// Without scheduling every card arrives new.
	plain, _, _ := openDecks(t, writePackage(t, s, day, false), day)
	for _, d := range plain {
		for _, c := range d.Cards {
			if !c.State.IsNew() || len(c.History) > 0 || c.Suspended {
				t.Errorf("card %s of a package without scheduling: %+v", c.Card.ID, c)
			}
		}
	}
}

// equalItems compares what cards --json shows of two cards, with their
// text and note links.
func equalItems(a, b srs.Item) bool {
	return a.Card.ID == b.Card.ID && a.Card.Kind == b.Card.Kind && a.Card.Front == b.Card.Front && a.Card.Back == b.Card.Back &&
		a.Card.Section == b.Card.Section && slices.Equal(a.Card.Tags, b.Card.Tags) && a.Card.Note == b.Card.Note &&
		a.Card.Cloze == b.Card.Cloze && a.Card.Text == b.Card.Text && a.Card.Reverse == b.Card.Reverse &&
		a.Deck == b.Deck && a.State == b.State && a.Suspended == b.Suspended && (a.BuriedUntil != 0) == (b.BuriedUntil != 0)
}

// TestMnemosyne imports packages this package writes with Mnemosyne's
// Anki importer, software written by other people, and checks the count
// of cards and each question's text.
func TestMnemosyne(t *testing.T) {
	tool := testenv.File(t, filepath.Join(testenv.Shared(t), "tools", "mnemosyne-import"))
	if exec.Command("/usr/bin/python3", "-c", "import mnemosyne").Run() != nil {
		testenv.Missing(t, "Mnemosyne (apt-get install -y mnemosyne)")
	}
	s, day := gradedStore(t)
	for _, sched := range []bool{false, true} {
		path := writePackage(t, s, day, sched)
		out, err := exec.Command(tool, path, "--json").Output()
		if err != nil {
			t.Fatalf("mnemosyne-import %s: %v\n%s", path, err, out)
		}
		var got struct {
			Cards, Facts int
			Pairs        [][2]string
		}
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		items, _ := s.Cards(deck.Filter{}, false)
		notes := map[string]bool{}
		for _, it := range items {
			n := it.Card.Note
			if n == "" {
				n = it.Card.ID
			}
			notes[n] = true
		}
		if got.Cards != len(items) || got.Facts != len(notes) {
			t.Errorf("scheduling %v: Mnemosyne read %d cards of %d facts, want %d of %d", sched, got.Cards, got.Facts, len(items), len(notes))
		}
		var questions []string
		for _, p := range got.Pairs {
			questions = append(questions, p[0])
		}
		for _, want := range []string{"What is S3?", "What is EBS?", "IAM", "Identity and Access Management"} {
			if !slices.ContainsFunc(questions, func(q string) bool { return strings.Contains(q, want) }) {
				t.Errorf("scheduling %v: no question of Mnemosyne's shows %q: %q", sched, want, questions)
			}
		}
	}
}
