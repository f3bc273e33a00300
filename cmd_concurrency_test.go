package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"spaced/deck"
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
