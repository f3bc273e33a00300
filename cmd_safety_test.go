package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"spaced/deck"
	"spaced/srs"
)

// evil holds every control character a terminal acts on: ESC sequences
// (OSC title, OSC 52 clipboard, CSI clear), BEL, NUL, DEL and C1 CSI.
const evil = "\x1b]0;owned\x07\x1b]52;c;aGk=\x1b\\\x1b[2J\x00\x7f\u009b31m"

// hasControl reports whether s holds a control character other than a
// line break or a tab.
func hasControl(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool {
		return r < 0x20 && r != '\n' && r != '\t' || r >= 0x7f && r < 0xa0
	})
}

// A collection whose cards, deck, section and source hold control
// characters (written by a deck older than the rule that drops them, or
// by hand) never sends one to the terminal: every command that prints its
// text shows them instead.
func TestControlCharactersNeverPrinted(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "collection.db")
	if err := srs.Create(db, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := srs.Open(db, srs.Write)
	if err != nil {
		t.Fatal(err)
	}
	d := &deck.Deck{Name: "Deck" + evil, Source: "src" + evil + ".md", Cards: []deck.Card{{
		ID: "evil000001", Kind: deck.KindQA, Front: "Front" + evil + "?", Back: "Back" + evil,
		Section: "Section" + evil, Tags: []string{"tag"},
	}}}
	if _, err := s.Sync(context.Background(), d, testNow); err != nil {
		t.Fatal(err)
	}
	s.Close()
	env := map[string]string{"SPACED_DB": db, "HOME": "/nonexistent"}
	for _, args := range [][]string{
		{"due"}, {"cards"}, {"decks"}, {"info", "evil000001"}, {"stats"},
		{"review"}, {"grade", "evil000001", "4"}, {"undo"},
		{"due", "--deck", "nosuch" + evil},
	} {
		in := ""
		if args[0] == "review" {
			in = "5\n"
		}
		r := spacedIn(t, strings.NewReader(in), env, args...)
		if hasControl(r.stdout) || hasControl(r.stderr) {
			t.Errorf("%s printed a control character:\nstdout %q\nstderr %q", args, r.stdout, r.stderr)
		}
		if args[0] == "info" && !strings.Contains(r.stdout, "Front␛]0;owned␇") {
			t.Errorf("info shows %q, want the controls as pictures", r.stdout)
		}
	}
}

// A chapter or a deck file cannot put a control character into a card.
func TestControlCharactersDropped(t *testing.T) {
	dir := t.TempDir()
	chapter := filepath.Join(dir, "evil.md")
	src := "# Title" + strings.ReplaceAll(evil, "\x00", "") + "\n\n## Section\x1b[31m\n\nQ: What is &#27;[2J this\x07?\nA: An answer\x1b]0;x\x07.\n"
	if err := os.WriteFile(chapter, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	r := spaced(t, nil, "compile", chapter)
	r.want(t, 0)
	if hasControl(r.stdout) {
		t.Errorf("compile wrote a control character: %q", r.stdout)
	}
	d, err := deck.Read(strings.NewReader(r.stdout))
	if err != nil {
		t.Fatal(err)
	}
	if c := d.Cards[0]; c.Front != "What is [2J this?" || c.Back != "An answer]0;x." {
		t.Errorf("card %q / %q, want the text without its controls", c.Front, c.Back)
	}
	file := "<!-- spaced deck 1 -->\n# D\x1b[2J\n\n### qa {#abcdefghij}\nQ\x07?\n---\nA\x1b.\n"
	d, err = deck.Read(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if d.Name != "D[2J" || d.Cards[0].Front != "Q?" || d.Cards[0].Back != "A." {
		t.Errorf("deck file read as %q: %q / %q", d.Name, d.Cards[0].Front, d.Cards[0].Back)
	}
}
