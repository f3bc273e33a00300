package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"spaced/deck"
	"spaced/internal/testhook"
	"spaced/srs"
)

// collDeckFile writes a deck file of n cards named name into dir and returns
// its path. Card i has the ID c%09d (with the deck's first letter for c).
func collDeckFile(t testing.TB, dir, name string, n int) string {
	t.Helper()
	d := &deck.Deck{Name: name, Title: "Generated " + name, Source: "generated"}
	for i := range n {
		d.Cards = append(d.Cards, deck.Card{
			ID:      fmt.Sprintf("%c%09d", name[0], i),
			Kind:    deck.KindQA,
			Front:   fmt.Sprintf("What does generated question number %d of %s ask?", i, name),
			Back:    fmt.Sprintf("It asks for answer %d, which is *long enough* to look like a card.", i),
			Section: fmt.Sprintf("Section %d", i/50),
			Tags:    []string{"generated"},
		})
	}
	var b bytes.Buffer
	if err := deck.Write(&b, d); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name+".deck.md")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestConcurrentGrades runs two processes grading different cards of one
// collection at the same instant, 50 times: every grade succeeds and none
// waits into "database is locked".
func TestConcurrentGrades(t *testing.T) {
	t.Parallel()
	bin := spacedBinary(t)
	dir := t.TempDir()
	env := map[string]string{"SPACED_DB": filepath.Join(dir, "collection.db")}
	spaced(t, env, "add", collDeckFile(t, dir, "load", 100)).want(t, 0)
	for i := range 50 {
		var cmds [2]*exec.Cmd
		var errs [2]bytes.Buffer
		for j := range cmds {
			id := fmt.Sprintf("l%09d", 2*i+j)
			cmds[j] = exec.Command(bin, "grade", id, "4", "--today", "2026-01-05")
			cmds[j].Env = []string{"SPACED_DB=" + env["SPACED_DB"], "HOME=/nonexistent"}
			cmds[j].Stderr = &errs[j]
		}
		for _, c := range cmds {
			if err := c.Start(); err != nil {
				t.Fatal(err)
			}
		}
		for j, c := range cmds {
			if err := c.Wait(); err != nil || errs[j].Len() > 0 {
				t.Fatalf("round %d, process %d: %v: %s", i, j, err, errs[j].String())
			}
		}
	}
	r := spaced(t, env, "stats", "--json", "--today", "2026-01-05")
	var st struct {
		Reviewed int `json:"reviewed_today"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &st); err != nil || st.Reviewed != 100 {
		t.Errorf("after 100 grades: reviewed_today %d, %v; stderr %q", st.Reviewed, err, r.stderr)
	}
	if strings.Contains(r.stderr, "locked") {
		t.Error(r.stderr)
	}
}

// TestConcurrentFirstUse starts two processes on a collection that does not
// exist yet, 20 times: both succeed and only one adds the built-in deck.
func TestConcurrentFirstUse(t *testing.T) {
	t.Parallel()
	bin := spacedBinary(t)
	dir := t.TempDir()
	for i := range 20 {
		db := filepath.Join(dir, fmt.Sprintf("c%d", i), "collection.db")
		if err := os.Mkdir(filepath.Dir(db), 0o700); err != nil { // --db names a folder that exists
			t.Fatal(err)
		}
		var cmds [2]*exec.Cmd
		var errs [2]bytes.Buffer
		for j := range cmds {
			cmds[j] = exec.Command(bin, "--db", db, []string{"stats", "due"}[j])
			cmds[j].Stderr = &errs[j]
		}
		for _, c := range cmds {
			if err := c.Start(); err != nil {
				t.Fatal(err)
			}
		}
		notes := 0
		for j, c := range cmds {
			if err := c.Wait(); err != nil {
				t.Errorf("round %d, process %d: %v: %s", i, j, err, errs[j].String())
			}
			notes += strings.Count(errs[j].String(), "added the built-in deck")
		}
		if notes != 1 {
			t.Errorf("round %d: the built-in deck was added %d times: %q %q", i, notes, errs[0].String(), errs[1].String())
		}
	}
}

// TestAddWhileCollectionAppears adds a chapter to a missing collection
// while another command makes the collection, between the commit of the
// new collection's draft and its publication: the chapter goes into the
// collection that appeared, beside that one's deck, and no draft is left.
func TestAddWhileCollectionAppears(t *testing.T) {
	dir := t.TempDir()
	chapter := builtinFile(t, dir)
	other := filepath.Join(dir, "other.db")
	spaced(t, map[string]string{"SPACED_DB": other}, "add", collDeckFile(t, dir, "other", 5)).want(t, 0)
	made, err := os.ReadFile(other)
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "c", "collection.db")
	if err := os.Mkdir(filepath.Dir(db), 0o700); err != nil {
		t.Fatal(err)
	}
	appeared := false
	testhook.AfterCommit = func(op string) {
		if !appeared {
			appeared = true
			if err := os.WriteFile(db, made, 0o600); err != nil {
				t.Error(err)
			}
		}
	}
	defer func() { testhook.AfterCommit = nil }()
	if r := spaced(t, map[string]string{"SPACED_DB": db}, "add", chapter); r.code != 0 || !strings.Contains(r.stdout, "19 new") {
		t.Errorf("add: exit status %d, %q, %q; want 0 and 19 new cards", r.code, r.stdout, r.stderr)
	}
	if !appeared {
		t.Fatal("the hook never ran: the draft committed nothing")
	}
	s, err := srs.Open(db, srs.ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	decks, err := s.Decks(0)
	if err != nil || len(decks) != 2 || decks[0].Name != "other" || decks[0].Cards != 5 || decks[1].Cards != 19 {
		t.Errorf("decks = %+v, %v; want other (5 cards) and the chapter's (19)", decks, err)
	}
	es, _ := os.ReadDir(filepath.Dir(db))
	for _, e := range es {
		if strings.Contains(e.Name(), ".new-") {
			t.Errorf("a draft is left: %s", e.Name())
		}
	}
}

// TestConcurrentFirstAdds starts two adds of different decks on a missing
// collection at once, 10 times: both succeed, the collection holds both
// decks, and no draft is left beside it.
func TestConcurrentFirstAdds(t *testing.T) {
	t.Parallel()
	bin := spacedBinary(t)
	dir := t.TempDir()
	files := []string{collDeckFile(t, dir, "alpha", 300), collDeckFile(t, dir, "beta", 300)}
	for i := range 10 {
		db := filepath.Join(dir, fmt.Sprintf("c%d", i), "collection.db")
		if err := os.Mkdir(filepath.Dir(db), 0o700); err != nil {
			t.Fatal(err)
		}
		var cmds [2]*exec.Cmd
		var errs [2]bytes.Buffer
		for j := range cmds {
			cmds[j] = exec.Command(bin, "--db", db, "add", files[j])
			cmds[j].Stderr = &errs[j]
		}
		for _, c := range cmds {
			if err := c.Start(); err != nil {
				t.Fatal(err)
			}
		}
		for j, c := range cmds {
			if err := c.Wait(); err != nil {
				t.Errorf("round %d, process %d: %v: %s", i, j, err, errs[j].String())
			}
		}
		s, err := srs.Open(db, srs.ReadOnly)
		if err != nil {
			t.Fatal(err)
		}
		decks, err := s.Decks(0)
		s.Close()
		if err != nil || len(decks) != 2 || decks[0].Cards != 300 || decks[1].Cards != 300 {
			t.Errorf("round %d: decks = %+v, %v; want alpha and beta, 300 cards each", i, decks, err)
		}
		es, _ := os.ReadDir(filepath.Dir(db))
		for _, e := range es {
			if strings.Contains(e.Name(), ".new-") {
				t.Errorf("round %d: a draft is left: %s", i, e.Name())
			}
		}
	}
}

// TestAddInterrupted sends SIGINT to an add while it writes a large deck,
// first into a missing collection (its draft being filled, a small deck
// already in it), then into one that holds the small deck: the add exits
// 130 saying so, leaves no collection in the first case (it said nothing
// was added) and the small deck alone in the second, and leaves no draft.
func TestAddInterrupted(t *testing.T) {
	t.Parallel()
	bin := spacedBinary(t)
	dir := t.TempDir()
	big := collDeckFile(t, dir, "big", 60_000)
	small := collDeckFile(t, dir, "small", 5)
	folder := filepath.Join(dir, "c")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(folder, "collection.db")
	interrupt := func(when func() bool, files ...string) (int, string) {
		var errb bytes.Buffer
		cmd := exec.Command(bin, append([]string{"--db", db, "add"}, files...)...)
		cmd.Stderr = &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		for deadline := time.Now().Add(20 * time.Second); !when() && time.Now().Before(deadline); {
			time.Sleep(time.Millisecond)
		}
		cmd.Process.Signal(syscall.SIGINT)
		cmd.Wait()
		return cmd.ProcessState.ExitCode(), errb.String()
	}
	drafting := func() bool { // and past the small deck
		es, _ := os.ReadDir(folder)
		if len(es) == 0 {
			return false
		}
		info, err := es[0].Info()
		return err == nil && info.Size() > 1<<20
	}
	if code, stderr := interrupt(drafting, small, big); code != 130 || !strings.Contains(stderr, "interrupted") {
		t.Errorf("add into a missing collection: exit %d, %q; want 130 and interrupted", code, stderr)
	}
	if es, _ := os.ReadDir(folder); len(es) != 0 {
		t.Errorf("an interrupted first add left %d files, want none", len(es))
	}

	spaced(t, map[string]string{"SPACED_DB": db}, "add", small).want(t, 0)
	// The write has begun when the write-ahead log grows.
	writing := func() bool {
		st, err := os.Stat(db + "-wal")
		return err == nil && st.Size() > 1<<20
	}
	if code, stderr := interrupt(writing, big); code != 130 || !strings.Contains(stderr, "interrupted") {
		t.Errorf("add into a collection: exit %d, %q; want 130 and interrupted", code, stderr)
	}
	s, err := srs.Open(db, srs.ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if decks, err := s.Decks(0); err != nil || len(decks) != 1 || decks[0].Name != "small" || decks[0].Cards != 5 {
		t.Errorf("decks after an interrupted add = %+v, %v; want small alone", decks, err)
	}
	es, _ := os.ReadDir(folder)
	for _, e := range es {
		if strings.Contains(e.Name(), ".new-") {
			t.Errorf("a draft is left: %s", e.Name())
		}
	}
}
