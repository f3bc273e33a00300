package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"spaced/deck"
	"spaced/internal/testenv"
)

// TestTranscripts pins the output of every command on the built-in deck:
// each golden file under testdata/golden is a transcript of commands run
// in order on one collection, on the fixed clock, with what each printed
// on stdout and stderr and its exit status. The temporary folder reads
// $DIR. 'go test -run Transcripts -update' rewrites them; read each
// before committing it.
func TestTranscripts(t *testing.T) {
	dir := t.TempDir()
	_, src := deck.Builtin()
	chapter := filepath.Join(dir, "chapter20.txt")
	if err := os.WriteFile(chapter, src, 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"SPACED_DB": filepath.Join(dir, "collection.db"), "HOME": "/nonexistent"}
	var id string // the first card's ID, known after compile
	type step struct {
		args  []string
		stdin string
	}
	cmd := func(args ...string) step { return step{args: args} }
	transcripts := []struct {
		name  string
		steps func() []step
	}{
		{"help", func() []step {
			s := []step{cmd("--help")}
			for _, c := range []string{"compile", "add", "review", "due", "grade", "undo", "info", "cards", "stats", "decks",
				"export anki", "export pdf", "suspend", "unsuspend", "bury", "edit", "delete-deck", "version", "man"} {
				s = append(s, cmd(append(strings.Fields(c), "--help")...))
			}
			return append(s, cmd("help", "review"), cmd("reveiw"), cmd("review", "--nwe", "3"), cmd("version"), cmd("man"))
		}},
		{"compile", func() []step {
			return []step{
				cmd("compile", chapter),
				cmd("compile", chapter, "--report", "-o", filepath.Join(dir, "serverless.deck.md")),
				cmd("compile", chapter, "--format", "json"),
				cmd("compile"),
			}
		}},
		{"add", func() []step {
			return []step{
				cmd("decks"),
				cmd("add", filepath.Join(dir, "serverless.deck.md")),
				cmd("add", chapter),
				cmd("decks"),
			}
		}},
		{"study", func() []step {
			return []step{
				cmd("due"),
				cmd("due", "--json", "--section", "scenario"),
				{args: []string{"review", "--new", "4"}, stdin: "4\n2\ns\nu\n5\n3\n"},
				cmd("grade", id, "3"),
				cmd("grade", id[:6], "4"),
				cmd("undo"),
				cmd("info", id),
				cmd("info", id, "--json"),
				cmd("cards"),
				cmd("cards", "--json", "--section", "roadmap", "--deck", "serverless architecture"),
				cmd("stats"),
				cmd("stats", "--json"),
				cmd("decks"),
				cmd("cards", "--grep", "cold start", "--deck", "serverless"),
				cmd("bury", id),
				cmd("suspend", id[:6], "046gj48ywb"),
				cmd("due", "--deck", "Serverless*", "--section", "roadmap"),
				cmd("cards", "--section", "roadmap"),
				cmd("unsuspend", id),
				{args: []string{"review", "--practice", "--section", "scenario"}, stdin: "1\n5\n"},
				{args: []string{"review", "--practice", "--ahead", "1", "--keys", "anki"}, stdin: "3\nu\n4\nq\n"},
				cmd("delete-deck", "Serverless Architecture::Chapter 20"),
				cmd("delete-deck", "Serverless Architecture::Chapter 20", "--yes"),
				cmd("decks"),
			}
		}},
		{"export", func() []step {
			return []step{
				cmd("export", "anki", "--section", "roadmap"),
				cmd("export", "anki", "--reverse", "--anki-deck", "Exams::Serverless", "--section", "scenario"),
				cmd("export", "pdf"),
				cmd("export", "pdf", "--weak", "-o", filepath.Join(dir, "weak.pdf")),
			}
		}},
	}
	for _, tr := range transcripts {
		var b strings.Builder
		for _, s := range tr.steps() {
			r := spacedIn(t, strings.NewReader(s.stdin), env, s.args...)
			fmt.Fprintf(&b, "$ spaced %s\n", strings.Join(s.args, " "))
			if s.stdin != "" {
				fmt.Fprintf(&b, "--- stdin\n%s", s.stdin)
			}
			if r.stdout != "" {
				fmt.Fprintf(&b, "--- stdout\n%s", r.stdout)
			}
			if r.stderr != "" {
				fmt.Fprintf(&b, "--- stderr\n%s", r.stderr)
			}
			fmt.Fprintf(&b, "--- exit %d\n\n", r.code)
			if tr.name == "compile" && id == "" {
				id = firstID(t, r.stdout)
			}
		}
		got := strings.ReplaceAll(b.String(), dir, "$DIR")
		testenv.Golden(t, filepath.Join("testdata", "golden", tr.name+".txt"), []byte(got))
	}
}

// firstID returns the ID of the first card of a deck file.
func firstID(t *testing.T, deckFile string) string {
	t.Helper()
	d, err := deck.Read(strings.NewReader(deckFile))
	if err != nil || len(d.Cards) == 0 {
		t.Fatalf("no card in the deck file: %v", err)
	}
	return d.Cards[0].ID
}
