package srs

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"spaced/deck"
)

var at = time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)

// newStore opens a new collection in a temporary folder.
func newStore(t testing.TB) *Store {
	t.Helper()
	p := filepath.Join(t.TempDir(), "collection.db")
	if err := Create(p, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(p, Write)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// testDeck returns a deck named name with n cards in one section.
func testDeck(name string, n int) *deck.Deck {
	d := &deck.Deck{Name: name, Title: name, Source: name + ".md"}
	for i := range n {
		d.Cards = append(d.Cards, deck.Card{
			ID:      fmt.Sprintf("%s%07d", name[:3], i),
			Kind:    deck.KindQA,
			Front:   fmt.Sprintf("Question number %d about %s?", i, name),
			Back:    fmt.Sprintf("Answer %d.", i),
			Section: "Basics",
			Tags:    []string{"t"},
			Line:    i*3 + 1,
		})
	}
	return d
}

func mustSync(t testing.TB, s *Store, d *deck.Deck) SyncResult {
	t.Helper()
	r, err := s.Sync(context.Background(), d, at)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestSync(t *testing.T) {
	s := newStore(t)
	d := testDeck("abc", 5)
	if got, want := mustSync(t, s, d), (SyncResult{"abc", 5, 0, 0, 0, nil}); !reflect.DeepEqual(got, want) {
		t.Fatalf("first Sync = %+v, want %+v", got, want)
	}
	if got, want := mustSync(t, s, testDeck("abc", 5)), (SyncResult{"abc", 0, 0, 5, 0, nil}); !reflect.DeepEqual(got, want) {
		t.Fatalf("second Sync = %+v, want %+v", got, want)
	}
	day := DayOf(2026, 1, 5)
	if _, err := s.Grade("abc0000001", 4, day, at); err != nil {
		t.Fatal(err)
	}
	// Edit card 1's back and front slightly, drop card 4, add a new card.
	e := testDeck("abc", 4)
	e.Cards[1].Front = "Question number 1 about abc!?"
	e.Cards[1].Back = "A better answer."
	e.Cards[1].ID = "zzzzzzzzzz"
	e.Cards = append(e.Cards, deck.Card{ID: "newcard001", Kind: deck.KindOther, Front: "Something else entirely", Back: "b", Section: "Other", Tags: []string{}, Line: 99})
	if got, want := mustSync(t, s, e), (SyncResult{"abc", 1, 1, 3, 1, nil}); !reflect.DeepEqual(got, want) {
		t.Fatalf("Sync of edited deck = %+v, want %+v", got, want)
	}
	if e.Cards[1].ID != "abc0000001" {
		t.Errorf("edited card got ID %s, want abc0000001", e.Cards[1].ID)
	}
	it, err := s.Item("abc0000001")
	if err != nil {
		t.Fatal(err)
	}
	if it.Card.Back != "A better answer." || it.State.Repetitions != 1 {
		t.Errorf("edited card = %+v, want new text and its state kept", it)
	}
	it, err = s.Item("abc0000004")
	if err != nil || !it.Retired {
		t.Errorf("Item(abc0000004) = %+v, %v; want retired", it, err)
	}
	q, err := s.Queue(day.Add(1), DefaultLimits, deck.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range q.Cards {
		if c.Card.ID == "abc0000004" {
			t.Errorf("retired card queued")
		}
	}
	// The card comes back.
	if got, want := mustSync(t, s, testDeck("abc", 5)), (SyncResult{"abc", 0, 2, 3, 1, nil}); !reflect.DeepEqual(got, want) {
		t.Fatalf("Sync with the card back = %+v, want %+v", got, want)
	}
	if it, _ := s.Item("abc0000004"); it.Retired {
		t.Errorf("returning card still retired")
	}
	if h, _ := s.History("abc0000001"); len(h) != 1 {
		t.Errorf("history of edited card has %d reviews, want 1", len(h))
	}
}

func TestGradeRules(t *testing.T) {
	s := newStore(t)
	mustSync(t, s, testDeck("abc", 3))
	day := DayOf(2026, 1, 5)
	g, err := s.Grade("abc0000000", 5, day, at)
	if err != nil || g.Drill || g.State.Due != day.Add(1) {
		t.Fatalf("Grade new card = %+v, %v", g, err)
	}
	g, err = s.Grade("abc0000000", 2, day, at)
	if err != nil || !g.Drill || g.State != g.Before {
		t.Fatalf("second grade the same day = %+v, %v; want a drill with no change", g, err)
	}
	var nd *NotDueError
	if _, err = s.Grade("abc0000000", 4, day.Add(1), at); err != nil {
		t.Fatalf("grade on due day: %v", err)
	}
	if _, err = s.Grade("abc0000000", 4, day.Add(2), at); !errors.As(err, &nd) || nd.Due != day.Add(7) || err.Error() != "not due until 2026-01-12" {
		t.Errorf("grade before due = %v, want not due until 2026-01-12", err)
	}
	if _, err = s.Grade("abc0000000", 4, day, at); !errors.Is(err, ErrPastDay) {
		t.Errorf("grade on an earlier day = %v, want ErrPastDay", err)
	}
	if _, err = s.Grade("abc0000000", 6, day, at); !errors.Is(err, ErrQuality) {
		t.Errorf("grade 6 = %v, want ErrQuality", err)
	}
	if _, err = s.Grade("abc", 4, day, at); !errors.Is(err, ErrAmbiguous) {
		t.Errorf("grade abc = %v, want ErrAmbiguous", err)
	}
	if _, err = s.Grade("zzz", 4, day, at); !errors.Is(err, ErrNoSuchCard) {
		t.Errorf("grade zzz = %v, want ErrNoSuchCard", err)
	}
	if g, err = s.Grade("ABC0000001", 3, day, at); err != nil || g.Card.ID != "abc0000001" {
		t.Errorf("grade ABC0000001 = %v, %v", g.Card.ID, err)
	}
}

func TestQueueLimitsDrillUndo(t *testing.T) {
	s := newStore(t)
	mustSync(t, s, testDeck("abc", 30))
	day := DayOf(2026, 1, 5)
	q, err := s.Queue(day, DefaultLimits, deck.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if q.New != 20 || len(q.Cards) != 20 || q.Cards[0].Card.ID != "abc0000000" || q.Cards[19].Card.ID != "abc0000019" {
		t.Fatalf("first queue: %d new, %d cards", q.New, len(q.Cards))
	}
	for i, c := range q.Cards[:5] {
		if _, err := s.Grade(c.Card.ID, i%2*4+1, day, at); err != nil { // 1, 5, 1, 5, 1
			t.Fatal(err)
		}
	}
	q, _ = s.Queue(day, DefaultLimits, deck.Filter{})
	if q.New != 15 || q.Drill != 3 || q.Cards[15].Card.ID != "abc0000000" || q.Cards[17].Card.ID != "abc0000004" {
		t.Fatalf("queue after 5 grades: %+v", counts(q))
	}
	// --new 22 after 5: 17 more.
	q, _ = s.Queue(day, Limits{New: 22, Review: 200}, deck.Filter{})
	if q.New != 17 {
		t.Errorf("queue with new limit 22 after 5 new: %d new, want 17", q.New)
	}
	// Drill card 0 to 4: it leaves the drill.
	if g, err := s.Grade("abc0000000", 4, day, at); err != nil || !g.Drill {
		t.Fatal(g, err)
	}
	q, _ = s.Queue(day, DefaultLimits, deck.Filter{})
	if q.Drill != 2 || q.New != 15 {
		t.Errorf("after a drill 4: %+v, want 2 drill 15 new", counts(q))
	}
	// Undo the drill, then the review of card 4.
	u, err := s.Undo(day, at)
	if err != nil || u.Review.CardID != "abc0000000" || !u.Review.Drill {
		t.Fatalf("Undo = %+v, %v", u, err)
	}
	q, _ = s.Queue(day, DefaultLimits, deck.Filter{})
	if q.Drill != 3 {
		t.Errorf("after undoing the drill: %+v, want 3 drill", counts(q))
	}
	u, err = s.Undo(day, at)
	if err != nil || u.Review.CardID != "abc0000004" || !u.State.IsNew() {
		t.Fatalf("second Undo = %+v, %v", u, err)
	}
	q, _ = s.Queue(day, DefaultLimits, deck.Filter{})
	if q.Drill != 2 || q.New != 16 {
		t.Errorf("after undoing a new card's review: %+v, want 2 drill 16 new", counts(q))
	}
	for range 4 {
		if _, err := s.Undo(day, at); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Undo(day, at); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("undo with nothing left = %v, want ErrNothingToUndo", err)
	}
	if _, err := s.Undo(day.Add(1), at); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("undo on another day = %v, want ErrNothingToUndo", err)
	}
	// Next day: reviews come first, oldest due first.
	mustGrade := func(id string, q int, d Day) {
		t.Helper()
		if _, err := s.Grade(id, q, d, at); err != nil {
			t.Fatal(err)
		}
	}
	mustGrade("abc0000010", 4, day)
	mustGrade("abc0000003", 4, day.Add(1))
	q, _ = s.Queue(day.Add(2), Limits{New: 1, Review: 10}, deck.Filter{})
	if len(q.Cards) != 3 || q.Cards[0].Card.ID != "abc0000010" || q.Cards[1].Card.ID != "abc0000003" || q.Cards[2].Kind != QueueNew {
		t.Errorf("queue on day 3: %v", ids(q))
	}
	q, _ = s.Queue(day.Add(2), Limits{New: 0, Review: 1}, deck.Filter{})
	if len(q.Cards) != 1 {
		t.Errorf("queue with review limit 1: %v", ids(q))
	}
}

func counts(q Queue) [3]int { return [3]int{q.New, q.Review, q.Drill} }

func ids(q Queue) []string {
	var out []string
	for _, c := range q.Cards {
		out = append(out, c.Card.ID+":"+c.Kind)
	}
	return out
}

// TestReplay grades many cards over many days, with drills and undos, and
// checks that replaying the review log from new states gives every card's
// stored state.
func TestReplay(t *testing.T) {
	s := newStore(t)
	mustSync(t, s, testDeck("abc", 40))
	day := DayOf(2026, 1, 5)
	for i := range 90 {
		q, err := s.Queue(day, DefaultLimits, deck.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		for j, c := range q.Cards {
			grade := (i*7 + j*3) % 6
			if _, err := s.Grade(c.Card.ID, grade, day, at); err != nil {
				t.Fatal(err)
			}
			if j%5 == 4 {
				if _, err := s.Undo(day, at); err != nil {
					t.Fatal(err)
				}
			}
		}
		day = day.Add(1 + i%3)
	}
	rs, replayed := replay(t, s)
	items, err := s.Cards(deck.Filter{}, true)
	if err != nil {
		t.Fatal(err)
	}
	reviewed := 0
	for _, it := range items {
		want, ok := replayed[it.Card.ID]
		if !ok {
			want = NewState()
		} else {
			reviewed++
		}
		if it.State != want {
			t.Errorf("card %s: stored %+v, replay gives %+v", it.Card.ID, it.State, want)
		}
	}
	if reviewed < 30 || len(rs) < 300 {
		t.Errorf("only %d cards reviewed, %d log rows: the test exercises too little", reviewed, len(rs))
	}
	// Stats counts the whole collection with its own queries and a
	// filtered one card by card: a filter that takes every card agrees,
	// with some cards retired.
	mustSync(t, s, testDeck("abc", 25))
	for _, d := range []Day{day.Add(-30), day, day.Add(10)} {
		all, err1 := s.Stats(d, deck.Filter{})
		every, err2 := s.Stats(d, deck.Filter{Deck: "*"})
		if err1 != nil || err2 != nil || all != every || all.Young+all.Mature == 0 || all.Retired == 0 {
			t.Errorf("Stats on %s: %+v, %v; with a filter of every card %+v, %v", d, all, err1, every, err2)
		}
	}
}

// replay replays the review log of s from new states (an imported review
// takes the state the other program gave) and checks each row's states;
// it returns the rows and each card's state after them.
func replay(t *testing.T, s *Store) ([]Review, map[string]State) {
	t.Helper()
	rs, err := s.reviews(`1`)
	if err != nil {
		t.Fatal(err)
	}
	replayed := make(map[string]State)
	for _, r := range rs {
		st, ok := replayed[r.CardID]
		if !ok {
			st = NewState()
		}
		if st != r.Before {
			t.Fatalf("log row %d: state before %+v, replay gives %+v", r.ID, r.Before, st)
		}
		switch {
		case r.Imported:
			st = r.After
		case !r.Drill:
			st = Next(st, r.Quality, r.Day)
		}
		if st != r.After {
			t.Fatalf("log row %d: state after %+v, replay gives %+v", r.ID, r.After, st)
		}
		replayed[r.CardID] = st
	}
	return rs, replayed
}

// TestReplayImported imports a card with another program's history,
// reviews it here, and replays the log: the imported reviews give their
// states, the later ones follow SM-2 from there; undo leaves the imported
// ones alone.
func TestReplayImported(t *testing.T) {
	s := newStore(t)
	d1, d2 := DayOf(2026, 1, 1), DayOf(2026, 1, 3)
	a1 := State{Repetitions: 1, EF: 250, Interval: 2, Due: d1.Add(2), Last: d1}
	a2 := State{Repetitions: 2, EF: 260, Interval: 5, Due: d2.Add(5), Last: d2}
	card := ImportCard{Card: deck.Card{ID: "imp0000001", Kind: deck.KindQA, Front: "Q", Back: "A"}, State: a2,
		History: []ImportReview{{At: d1.Time(), Day: d1, Quality: 4, Before: NewState(), After: a1},
			{At: d2.Time(), Day: d2, Quality: 5, Before: a1, After: a2}}}
	res, err := s.Import(context.Background(), []ImportDeck{{Name: "Imported", Title: "Imported", Source: "x.apkg", Cards: []ImportCard{card}}}, at)
	if err != nil || res.New != 1 || res.Reviews != 2 {
		t.Fatalf("Import: %+v, %v", res, err)
	}
	if _, err := s.Undo(d2, at); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("Undo of an imported review: %v, want ErrNothingToUndo", err)
	}
	day := a2.Due
	if _, err := s.Grade("imp0000001", 3, day, at); err != nil {
		t.Fatal(err)
	}
	rs, replayed := replay(t, s)
	it, _ := s.Item("imp0000001")
	if len(rs) != 3 || !rs[0].Imported || rs[2].Imported || replayed["imp0000001"] != it.State || it.State != Next(a2, 3, day) {
		t.Errorf("log %+v; replay %+v; card %+v", rs, replayed, it.State)
	}
}

func TestStatsAndWeak(t *testing.T) {
	s := newStore(t)
	mustSync(t, s, testDeck("abc", 6))
	day := DayOf(2026, 1, 5)
	grades := map[string][]int{"abc0000000": {5, 5, 5, 5}, "abc0000001": {1, 1}, "abc0000002": {3}}
	for d := range 40 {
		for id, gs := range grades {
			it, _ := s.Item(id)
			if len(gs) > 0 && (it.State.IsNew() || it.State.Due <= day.Add(d)) {
				if _, err := s.Grade(id, gs[0], day.Add(d), at); err != nil {
					t.Fatal(err)
				}
				grades[id] = gs[1:]
			}
		}
	}
	mustSync(t, s, testDeck("abc", 5))
	today := day.Add(39)
	st, err := s.Stats(today, deck.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	got := [6]int{st.New, st.Learning, st.Young, st.Mature, st.Retired, st.Leech}
	if want := [6]int{2, 1, 1, 1, 1, 0}; got != want {
		t.Errorf("Stats cards = %v, want %v (new learning young mature retired leech)", got, want)
	}
	if st.StreakDays != 0 || st.ReviewedToday != 0 {
		t.Errorf("streak %d, reviewed today %d; want 0, 0", st.StreakDays, st.ReviewedToday)
	}
	for _, d := range []Day{today, day.Add(1), day.Add(5)} {
		all, _ := s.Stats(d, deck.Filter{})
		filtered, err := s.Stats(d, deck.Filter{Deck: "ABC"})
		if err != nil || all != filtered {
			t.Errorf("Stats(%s) = %+v; with a filter selecting every card %+v, %v", d, all, filtered, err)
		}
		if none, _ := s.Stats(d, deck.Filter{Tag: "nope"}); none != (Stats{}) {
			t.Errorf("Stats(%s) of no card = %+v", d, none)
		}
	}
	st, _ = s.Stats(day.Add(1), deck.Filter{})
	if st.StreakDays != 2 || st.ReviewedToday != 2 || !st.HasRetention || st.Retention != 1 {
		t.Errorf("Stats on day 2 = %+v", st)
	}
	weak, err := s.Weak(deck.Filter{}, day.Add(2))
	if err != nil {
		t.Fatal(err)
	}
	if len(weak) != 1 || weak[0].Card.ID != "abc0000001" {
		t.Errorf("Weak = %v, want abc0000001", weak)
	}
}

// TestUndoAcrossDays checks that undoing a day's grades never overwrites a
// review the card had on a later study day.
func TestUndoAcrossDays(t *testing.T) {
	s := newStore(t)
	mustSync(t, s, testDeck("abc", 2))
	day := DayOf(2026, 1, 5)
	for _, g := range []struct {
		q int
		d Day
	}{{5, day}, {2, day}, {4, day.Add(2)}} {
		if _, err := s.Grade("abc0000000", g.q, g.d, at); err != nil {
			t.Fatal(err)
		}
	}
	u, err := s.Undo(day, at)
	if err != nil || !u.Review.Drill || u.State.Due != day.Add(8) {
		t.Fatalf("Undo of the drill = %+v, %v; want the state after the later review kept", u, err)
	}
	if _, err := s.Undo(day, at); !errors.Is(err, ErrLaterReview) {
		t.Errorf("Undo of a review followed by a later one = %v, want ErrLaterReview", err)
	}
	if it, _ := s.Item("abc0000000"); it.State.Due != day.Add(8) || it.State.Repetitions != 2 {
		t.Errorf("state after refused undo = %+v", it.State)
	}
}

// TestFilters checks that the cards a filter selects through the store are
// exactly those deck.Filter.Match selects, for decks, tags and sections in
// any case, ASCII or not.
func TestFilters(t *testing.T) {
	s := newStore(t)
	a, b, c := testDeck("AWS::Lambda", 6), testDeck("aws", 4), testDeck("Other", 5)
	for i := range a.Cards {
		a.Cards[i].Tags = []string{"section::Cold-Starts", "Été"}
		a.Cards[i].Section = []string{"Cold starts", "ÉTÉ notes", "Layers"}[i%3]
	}
	c.Cards[2].Tags = []string{"section"}
	for _, d := range []*deck.Deck{a, b, c} {
		mustSync(t, s, d)
	}
	all, err := s.Cards(deck.Filter{}, true)
	if err != nil || len(all) != 15 {
		t.Fatalf("Cards = %d cards, %v", len(all), err)
	}
	for _, f := range []deck.Filter{
		{Deck: "aws"}, {Deck: "AWS::LAMBDA"}, {Deck: "aws::"}, {Deck: "Oth"}, {Deck: "nope"},
		{Tag: "section"}, {Tag: "SECTION::cold-starts"}, {Tag: "section::cold"}, {Tag: "été"}, {Tag: "t"},
		{Section: "cold"}, {Section: "été"}, {Section: "ÉTÉ"}, {Section: "ers"},
		{Deck: "aws", Tag: "t", Section: "basics"},
	} {
		var want []string
		for _, it := range all {
			if f.Match(it.Deck, &it.Card) {
				want = append(want, it.Card.ID)
			}
		}
		items, err := s.Cards(f, true)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, it := range items {
			got = append(got, it.Card.ID)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("Cards(%+v) = %v, want %v", f, got, want)
		}
		q, err := s.Queue(DayOf(2026, 1, 5), Limits{New: 100, Review: 100}, f)
		if err != nil || len(q.Cards) != len(want) {
			t.Errorf("Queue(%+v) has %d cards, %v; want %d", f, len(q.Cards), err, len(want))
		}
	}
}

// TestCreate checks that Create makes a complete collection in one step,
// with its application_id and user_version in the file header, and refuses
// to replace a file.
func TestCreate(t *testing.T) {
	p := filepath.Join(t.TempDir(), "c.db")
	if err := Create(p, 0o600); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p)
	if err != nil || len(b) < 100 {
		t.Fatalf("ReadFile = %d bytes, %v", len(b), err)
	}
	if got := uint32(b[68])<<24 | uint32(b[69])<<16 | uint32(b[70])<<8 | uint32(b[71]); got != ApplicationID {
		t.Errorf("application_id = %#x, want %#x", got, ApplicationID)
	}
	if got := int(b[63]); got != SchemaVersion() || b[18] != 2 {
		t.Errorf("user_version = %d (want %d), file format %d (want 2, WAL)", got, SchemaVersion(), b[18])
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode())
	}
	if err := Create(p, 0o600); !errors.Is(err, os.ErrExist) {
		t.Errorf("Create over a collection = %v, want ErrExist", err)
	}
	if es, _ := os.ReadDir(filepath.Dir(p)); len(es) != 1 {
		t.Errorf("Create left %d files in its folder, want 1", len(es))
	}
	s, err := Open(p, ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if empty, err := s.Empty(); !empty || err != nil {
		t.Errorf("Empty() = %v, %v", empty, err)
	}
}

// TestDraft fills a draft and publishes it: the collection holds the same
// cards as one filled in place, in write-ahead mode, with the draft's file
// mode, and nothing else is left in the folder; a collection that appeared
// meanwhile is kept as it was, and the draft is gone.
func TestDraft(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "c.db")
	d, err := NewDraft(p, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a draft is at its path before it is published: %v", err)
	}
	big := testDeck("big", bulkRows+10) // its indexes built after the rows
	mustSync(t, d.Store, big)
	mustSync(t, d.Store, testDeck("two", 3))
	if err := d.Publish(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p)
	if err != nil || len(b) < 100 || b[18] != 2 || b[19] != 2 {
		t.Fatalf("published file: %d bytes, format %v, %v; want a collection in WAL mode", len(b), b[18:20], err)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode())
	}
	if es, _ := os.ReadDir(dir); len(es) != 1 {
		t.Errorf("Publish left %d files in its folder, want 1", len(es))
	}
	s, err := Open(p, Write)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if r, err := s.IntegrityCheck(); r != "ok" {
		t.Errorf("integrity_check = %q, %v", r, err)
	}
	in := newStore(t) // the same decks, added in place
	mustSync(t, in, testDeck("big", bulkRows+10))
	mustSync(t, in, testDeck("two", 3))
	got, err := s.Cards(deck.Filter{}, true)
	want, werr := in.Cards(deck.Filter{}, true)
	if err != nil || werr != nil || len(got) != len(big.Cards)+3 || !reflect.DeepEqual(got, want) {
		t.Errorf("the draft's %d cards differ from the %d of the same decks added in place (%v, %v)", len(got), len(want), err, werr)
	}

	// Another command makes the collection while a second draft is filled.
	d2, err := NewDraft(p, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	mustSync(t, d2.Store, testDeck("three", 2))
	if err := d2.Publish(); !errors.Is(err, os.ErrExist) {
		t.Errorf("Publish over a collection = %v, want ErrExist", err)
	}
	if after, _ := os.ReadFile(p); !bytes.Equal(after, b) {
		t.Errorf("Publish over a collection changed it")
	}
	if es, _ := os.ReadDir(dir); len(es) != 3 { // c.db, c.db-wal, c.db-shm
		t.Errorf("a draft not published left %d files in its folder, want the collection's 3", len(es))
	}
}

// TestStaleDrafts leaves drafts of a process that has exited, written
// long ago and just now, and of one that runs, and checks that the next
// draft removes only the first: a process the system reports gone may run
// elsewhere, and its draft is then being written.
func TestStaleDrafts(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "c.db")
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("no true program:", err)
	}
	gone := cmd.Process.Pid
	old := filepath.Join(dir, fmt.Sprintf("%s%d-123", draftPrefix("c.db"), gone))
	fresh := filepath.Join(dir, fmt.Sprintf("%s%d-124", draftPrefix("c.db"), gone))
	live := filepath.Join(dir, fmt.Sprintf("%s%d-456", draftPrefix("c.db"), os.Getpid()))
	other := filepath.Join(dir, draftPrefix("d.db")+fmt.Sprint(gone)+"-789") // another collection's
	long := time.Now().Add(-2 * staleAfter)
	for _, f := range []string{old, old + "-journal", fresh, live, other} {
		if err := os.WriteFile(f, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		if f != fresh {
			os.Chtimes(f, long, long)
		}
	}
	d, err := NewDraft(p, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	d.Discard()
	var left []string
	es, _ := os.ReadDir(dir)
	for _, e := range es {
		left = append(left, e.Name())
	}
	want := []string{filepath.Base(fresh), filepath.Base(live), filepath.Base(other)}
	slices.Sort(want)
	if !slices.Equal(left, want) {
		t.Errorf("left %q, want %q", left, want)
	}
}

// editedDeck returns testDeck(name, n) without every third card, each
// front written by format (with the card's number), and IDs of the
// compiler's own, taken from prefix: a chapter edited between two adds.
func editedDeck(name string, n int, format, prefix string) *deck.Deck {
	d := testDeck(name, n)
	var cards []deck.Card
	for i, c := range d.Cards {
		if i%3 == 2 {
			continue
		}
		c.Front = fmt.Sprintf(format, i)
		c.ID = fmt.Sprintf("%s%07d", prefix, i)
		cards = append(cards, c)
	}
	d.Cards = cards
	return d
}

// Sync matches IDs before its write transaction: a command writing in
// between (here, a grade from another connection) does not wait, and a
// sync of the same deck in between is taken into account, so the result
// is what the two syncs one after the other give.
func TestSyncMatchesOutsideTheWrite(t *testing.T) {
	p := filepath.Join(t.TempDir(), "c.db")
	if err := Create(p, 0o600); err != nil {
		t.Fatal(err)
	}
	a, err := Open(p, Write)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(p, Write)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	mustSync(t, a, testDeck("abc", 90))
	mustSync(t, a, testDeck("oth", 3))

	var hookErr error
	hookAfterMatch = func() {
		hookAfterMatch = nil
		if _, err := b.Grade("oth0000001", 4, DayOf(2026, 1, 5), at); err != nil {
			hookErr = fmt.Errorf("grade between match and write: %w", err)
			return
		}
		_, hookErr = b.Sync(context.Background(), editedDeck("abc", 90, "An entirely different prompt, number %d?", "upo"), at)
	}
	defer func() { hookAfterMatch = nil }()
	got := mustSync(t, a, editedDeck("abc", 90, "An entirely different prompt, number %d!", "reg"))
	if hookErr != nil {
		t.Fatal(hookErr)
	}

	// The same syncs, one after the other, in a collection of their own.
	want := newStore(t)
	mustSync(t, want, testDeck("abc", 90))
	mustSync(t, want, editedDeck("abc", 90, "An entirely different prompt, number %d?", "upo"))
	wantRes := mustSync(t, want, editedDeck("abc", 90, "An entirely different prompt, number %d!", "reg"))
	if !reflect.DeepEqual(got, wantRes) {
		t.Errorf("Sync with a sync in between = %+v, want %+v", got, wantRes)
	}
	ids := func(s *Store) []string {
		items, err := s.Cards(deck.Filter{Deck: "abc"}, true)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, it := range items {
			out = append(out, fmt.Sprintf("%s %v %s", it.Card.ID, it.Retired, it.Card.Front))
		}
		return out
	}
	if g, w := ids(a), ids(want); !slices.Equal(g, w) {
		t.Errorf("cards after the syncs:\n%s\nwant\n%s", strings.Join(g, "\n"), strings.Join(w, "\n"))
	}
}
