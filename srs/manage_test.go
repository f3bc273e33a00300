package srs

import (
	"context"
	"errors"
	"slices"
	"testing"

	"spaced/deck"
)

func queueIDs(t *testing.T, s *Store, day Day) []string {
	t.Helper()
	q, err := s.Queue(day, DefaultLimits, deck.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range q.Cards {
		ids = append(ids, c.Card.ID)
	}
	return ids
}

// A suspended card is in no queue until unsuspended; a buried one comes
// back the next study day; both keep their state.
func TestSuspendAndBury(t *testing.T) {
	s := newStore(t)
	mustSync(t, s, testDeck("abc", 4))
	day := DayOf(2026, 1, 5)
	if _, err := s.Grade("abc0000000", 4, day, at); err != nil {
		t.Fatal(err)
	}
	got, err := s.Suspend([]string{"abc0000001", "abc0000000"}, true)
	if err != nil || !slices.Equal(got, []string{"abc0000001", "abc0000000"}) {
		t.Fatalf("Suspend = %v, %v", got, err)
	}
	if _, err := s.Bury([]string{"abc000000"}, day); !errors.Is(err, ErrAmbiguous) {
		t.Errorf("Bury of an ambiguous prefix = %v, want ErrAmbiguous", err)
	}
	if _, err := s.Bury([]string{"abc0000002"}, day); err != nil {
		t.Fatal(err)
	}
	if ids := queueIDs(t, s, day); !slices.Equal(ids, []string{"abc0000003"}) {
		t.Errorf("queue with two suspended and one buried = %v", ids)
	}
	if ids := queueIDs(t, s, day.Add(1)); !slices.Equal(ids, []string{"abc0000002", "abc0000003"}) {
		t.Errorf("queue the next day = %v, want the buried card back", ids)
	}
	if _, err := s.Suspend([]string{"abc0000000"}, false); err != nil {
		t.Fatal(err)
	}
	if ids := queueIDs(t, s, day.Add(1)); !slices.Equal(ids, []string{"abc0000000", "abc0000002", "abc0000003"}) {
		t.Errorf("queue after unsuspending = %v", ids)
	}
	it, _ := s.Item("abc0000001")
	if !it.Suspended || it.State.IsNew() != true {
		t.Errorf("suspended card = %+v", it)
	}
	if _, err := s.Suspend([]string{"nosuchcard"}, true); !errors.Is(err, ErrNoSuchCard) {
		t.Errorf("Suspend of no card = %v", err)
	}
}

// An edit keeps the card's ID and history; a sync that gives the card the
// text it gave before keeps the edit, one that changes it replaces it.
func TestEditAndSync(t *testing.T) {
	s := newStore(t)
	d := testDeck("abc", 3)
	mustSync(t, s, d)
	day := DayOf(2026, 1, 5)
	if _, err := s.Grade("abc0000001", 5, day, at); err != nil {
		t.Fatal(err)
	}
	it, err := s.Edit("abc0000001", "My own question?", "My own answer.")
	if err != nil || it.Card.Front != "My own question?" || !it.Edited {
		t.Fatalf("Edit = %+v, %v", it, err)
	}
	r := mustSync(t, s, testDeck("abc", 3))
	if r.Unchanged != 3 || r.Replaced != nil {
		t.Errorf("sync of the same deck = %+v, want the edit kept", r)
	}
	if it, _ := s.Item("abc0000001"); it.Card.Front != "My own question?" || it.State.Repetitions != 1 {
		t.Errorf("after the sync: %+v", it)
	}
	changed := testDeck("abc", 3)
	changed.Cards[1].Back = "Answer 1, corrected in the chapter."
	r = mustSync(t, s, changed)
	if !slices.Equal(r.Replaced, []string{"abc0000001"}) || r.Updated != 1 {
		t.Errorf("sync of a changed card = %+v, want it to replace the edit", r)
	}
	if it, _ := s.Item("abc0000001"); it.Card.Back != "Answer 1, corrected in the chapter." || it.Edited || it.State.Repetitions != 1 {
		t.Errorf("after the changing sync: %+v", it)
	}
	if _, err := s.Edit("abc0000002", "  ", "x"); err == nil {
		t.Error("Edit to an empty front succeeded")
	}
}

// Deleting a deck removes it, its cards and their history, and nothing of
// another deck.
func TestDeleteDeck(t *testing.T) {
	s := newStore(t)
	mustSync(t, s, testDeck("abc", 3))
	mustSync(t, s, testDeck("xyz", 2))
	day := DayOf(2026, 1, 5)
	for _, id := range []string{"abc0000000", "xyz0000000"} {
		if _, err := s.Grade(id, 4, day, at); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Undo(day, at); err != nil { // undoes the grade of xyz0000000
		t.Fatal(err)
	}
	if _, err := s.Grade("abc0000001", 2, day, at); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Undo(day, at); err != nil {
		t.Fatal(err)
	}
	cards, reviews, err := s.DeleteDeck("abc")
	if err != nil || cards != 3 || reviews != 3 {
		t.Fatalf("DeleteDeck = %d cards, %d log rows, %v; want 3 and 3", cards, reviews, err)
	}
	ds, _ := s.Decks(0)
	if len(ds) != 1 || ds[0].Name != "xyz" {
		t.Errorf("decks after the delete = %+v", ds)
	}
	if _, err := s.Item("abc0000000"); !errors.Is(err, ErrNoSuchCard) {
		t.Errorf("a card of the deleted deck: %v", err)
	}
	if h, _ := s.History("xyz0000000"); len(h) != 0 {
		t.Errorf("history of the other deck's undone grade = %+v", h)
	}
	if _, _, err := s.DeleteDeck("abc"); !errors.Is(err, ErrNoSuchDeck) {
		t.Errorf("second DeleteDeck = %v, want ErrNoSuchDeck", err)
	}
	if r, _ := s.IntegrityCheck(); r != "ok" {
		t.Errorf("integrity_check = %q", r)
	}
	// The log stays append-only for everyone else.
	if _, err := s.db.Exec(`DELETE FROM log`); err == nil {
		t.Error("the log could be deleted after DeleteDeck")
	}
	mustSync(t, s, testDeck("abc", 3)) // added again: new cards
	if it, _ := s.Item("abc0000000"); !it.State.IsNew() {
		t.Errorf("card of the deck added again = %+v, want new", it)
	}
}

// The cards of a note are not shown on one study day: the first of a
// note's cards queued takes the day; the others wait, counted as siblings,
// also once it is reviewed; the next day the next one comes.
func TestSiblings(t *testing.T) {
	s := newStore(t)
	d, _, err := deck.Compile("n.md", []byte("# Notes\n\nThe {{c1::kubelet}} runs on every {{c2::node}}.\n\nPod:::The smallest unit that Kubernetes schedules.\n\nQ: What is etcd?\nA: A key-value store.\n"), deck.Options{})
	if err != nil || len(d.Cards) != 5 {
		t.Fatalf("compile: %d cards, %v", len(d.Cards), err)
	}
	mustSync(t, s, d)
	day := DayOf(2026, 1, 5)
	q, err := s.Queue(day, DefaultLimits, deck.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range q.Cards {
		ids = append(ids, c.Card.ID)
	}
	want := []string{d.Cards[0].ID, d.Cards[2].ID, d.Cards[4].ID}
	if !slices.Equal(ids, want) || q.Siblings != 2 || q.New != 3 {
		t.Fatalf("queue = %v, %d siblings; want %v and 2", ids, q.Siblings, want)
	}
	if _, err := s.Grade(d.Cards[0].ID, 4, day, at); err != nil {
		t.Fatal(err)
	}
	if ids := queueIDs(t, s, day); slices.Contains(ids, d.Cards[1].ID) {
		t.Errorf("the second cloze card is queued the day its sibling was reviewed: %v", ids)
	}
	// The next day the first is due again and takes the day; once it is
	// reviewed further off, the second comes.
	if ids := queueIDs(t, s, day.Add(1)); !slices.Contains(ids, d.Cards[0].ID) || slices.Contains(ids, d.Cards[1].ID) {
		t.Errorf("the next day's queue = %v, want the first cloze card, not the second", ids)
	}
	if _, err := s.Grade(d.Cards[0].ID, 5, day.Add(1), at); err != nil {
		t.Fatal(err)
	}
	if ids := queueIDs(t, s, day.Add(2)); !slices.Contains(ids, d.Cards[1].ID) {
		t.Errorf("the second cloze card is not queued when its sibling is not due: %v", ids)
	}
}

// A deck whose card has the ID of another deck's card is refused, naming
// that deck, and nothing of it is written.
func TestSyncIDOfAnotherDeck(t *testing.T) {
	// New cards go in many to a statement, and a large first deck builds
	// its indexes after its rows: the card named is the one refused
	// wherever it falls, and nothing of the deck stays.
	for _, c := range []struct{ cards, taken int }{{2, 1}, {100, 10}, {100, 70}, {bulkRows + 10, bulkRows}} {
		s := newStore(t)
		mustSync(t, s, testDeck("abc", 2))
		other := testDeck("xyz", c.cards)
		other.Cards[c.taken].ID = "abc0000001"
		_, err := s.Sync(context.Background(), other, at)
		if err == nil || err.Error() != `card abc0000001 of deck "xyz": the ID already belongs to a card of deck "abc"` {
			t.Fatalf("%d cards, card %d taken: Sync = %v", c.cards, c.taken, err)
		}
		if ds, _ := s.Decks(0); len(ds) != 1 || ds[0].Cards != 2 {
			t.Errorf("%d cards: decks after the refused sync: %+v", c.cards, ds)
		}
		var indexes int
		if err := s.db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cards'`).Scan(&indexes); err != nil || indexes < 5 {
			t.Errorf("%d cards: %d indexes of cards after the refused sync (%v)", c.cards, indexes, err)
		}
	}
}

// A deck large enough to build the cards' indexes after its rows leaves
// the same indexes, by the same definitions, and queues as before.
func TestSyncBulkIndexes(t *testing.T) {
	defs := func(s *Store) []string {
		rows, err := s.db.Query(`SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cards' AND sql IS NOT NULL ORDER BY name`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var d string
			rows.Scan(&d)
			out = append(out, d)
		}
		return out
	}
	small, big := newStore(t), newStore(t)
	mustSync(t, small, testDeck("abc", 2))
	before := defs(small)
	mustSync(t, big, testDeck("abc", bulkRows))
	if after := defs(big); len(before) < 4 || !slices.Equal(before, after) {
		t.Errorf("indexes after a large deck:\n%q\nwant\n%q", after, before)
	}
	var ok string
	if err := big.db.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Errorf("integrity_check = %q, %v", ok, err)
	}
	if ids := queueIDs(t, big, DayOf(2026, 1, 5)); len(ids) != DefaultLimits.New || ids[0] != "abc0000000" {
		t.Errorf("queue of the large deck: %d cards, first %v", len(ids), ids[:min(1, len(ids))])
	}
}
