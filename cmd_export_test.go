package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The exporters read the collection when given no SOURCE; with no collection
// they read the built-in deck without creating one.
func TestExportReadsCollection(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"SPACED_DB": filepath.Join(dir, "c.db")}

	r := spaced(t, env, "export", "anki")
	r.want(t, 0)
	if n := strings.Count(r.stdout, "\nServerless Architecture::Chapter 20,") + strings.Count(r.stdout, ",Serverless Architecture::Chapter 20,"); n != 19 {
		t.Errorf("export anki without a collection: %d built-in rows, want 19\n%s", n, r.stdout)
	}
	if _, err := os.Stat(env["SPACED_DB"]); err == nil {
		t.Errorf("export created the collection")
	}

	ch := builtinFile(t, dir)
	spaced(t, env, "add", ch).want(t, 0)
	first := strings.SplitN(spaced(t, env, "due", "--json").stdout, `"id": "`, 2)
	if len(first) < 2 {
		t.Fatalf("due --json gave no card")
	}
	id := first[1][:10]

	// Eight failed reviews on eight study days make the card a leech.
	day := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	for i := range 8 {
		spaced(t, env, "grade", id, "0", "--today", day.AddDate(0, 0, i).Format(time.DateOnly)).want(t, 0)
	}
	r = spaced(t, env, "export", "anki", "--today", "2026-03-18")
	r.want(t, 0)
	var row string
	for _, l := range strings.Split(r.stdout, "\n") {
		if strings.HasPrefix(l, id+",") {
			row = l
		}
	}
	if !strings.HasSuffix(row, " leech") && !strings.Contains(row, " leech ") && !strings.HasSuffix(row, ",leech") {
		t.Errorf("leech card's row %q has no leech tag", row)
	}
	if strings.Count(r.stdout, "leech") != 1 {
		t.Errorf("%d rows tagged leech, want 1", strings.Count(r.stdout, "leech"))
	}

	r = spaced(t, env, "export", "anki", "--deck", "No Such Deck")
	r.want(t, 1, "export anki: no cards to export", "hint:")

	out := filepath.Join(dir, "weak.pdf")
	spaced(t, env, "export", "pdf", "--weak", "-o", out, "--today", "2026-03-18").want(t, 0)
	if b, err := os.ReadFile(out); err != nil || !strings.HasPrefix(string(b), "%PDF-") {
		t.Errorf("export pdf --weak wrote no PDF: %v", err)
	}
	spaced(t, env, "export", "pdf", "--weak", "-o", out, "--section", "Certifications").want(t, 1, "no weak cards")
}

// An export never replaces its own SOURCE or the collection.
func TestExportRefusesToOverwriteInputs(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"SPACED_DB": filepath.Join(dir, "c.db")}
	ch := builtinFile(t, dir)
	spaced(t, env, "add", ch).want(t, 0)
	before, _ := os.ReadFile(env["SPACED_DB"])
	src, _ := os.ReadFile(ch)
	for _, args := range [][]string{
		{"export", "anki", "-o", env["SPACED_DB"]},
		{"export", "pdf", "-o", env["SPACED_DB"]},
		{"export", "anki", ch, "-o", ch},
		{"export", "pdf", "--layout", "cards", ch, "-o", ch},
	} {
		spaced(t, env, args...).want(t, 1, "not overwriting it")
	}
	if after, _ := os.ReadFile(env["SPACED_DB"]); string(after) != string(before) {
		t.Errorf("the collection changed")
	}
	if after, _ := os.ReadFile(ch); string(after) != string(src) {
		t.Errorf("the SOURCE changed")
	}
}
