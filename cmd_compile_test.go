package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"spaced/deck"
	"spaced/internal/files"
)

// builtinFile writes the built-in chapter into dir and returns its path.
func builtinFile(t testing.TB, dir string) string {
	t.Helper()
	_, src := deck.Builtin()
	path := filepath.Join(dir, "serverless.txt")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCompileToStdoutAndFile(t *testing.T) {
	dir := t.TempDir()
	ch := builtinFile(t, dir)
	r := spaced(t, nil, "compile", ch)
	r.want(t, 0)
	if !strings.HasPrefix(r.stdout, deck.Magic+"\n# Serverless Architecture::Chapter 20\n") {
		t.Fatalf("stdout starts %q, want a deck file", r.stdout[:min(len(r.stdout), 80)])
	}
	out := filepath.Join(dir, "s.deck.md")
	r = spaced(t, nil, "compile", ch, "-o", out)
	r.want(t, 0)
	if r.stdout != "" {
		t.Errorf("compile -o printed %q on stdout", r.stdout)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != spaced(t, nil, "compile", ch).stdout {
		t.Errorf("the -o file differs from stdout")
	}
	// Compiling again into the same file keeps it byte for byte.
	spaced(t, nil, "compile", "-o", out, ch).want(t, 0)
	again, _ := os.ReadFile(out)
	if !bytes.Equal(again, got) {
		t.Errorf("recompiling into %s changed it", out)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".*tmp*")); len(leftovers) > 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}
}

func TestCompileJSON(t *testing.T) {
	ch := builtinFile(t, t.TempDir())
	// Flags after the argument, global flags after the command name.
	r := spaced(t, nil, "compile", ch, "--format", "json", "--name", "Mine::Serverless", "--today", "2026-01-02")
	r.want(t, 0)
	var d struct {
		Name, Title, Source string
		Cards               []map[string]any
	}
	if err := json.Unmarshal([]byte(r.stdout), &d); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, r.stdout)
	}
	if d.Name != "Mine::Serverless" || d.Title != "Serverless Interview Questions and Career Roadmap" || d.Source != ch {
		t.Errorf("name, title, source = %q, %q, %q", d.Name, d.Title, d.Source)
	}
	if len(d.Cards) != 19 {
		t.Fatalf("%d cards, want 19", len(d.Cards))
	}
	for _, c := range d.Cards {
		for _, k := range []string{"id", "kind", "front", "back", "section", "tags", "line"} {
			if _, ok := c[k]; !ok {
				t.Errorf("card %v has no %q", c["id"], k)
			}
		}
		if _, ok := c["tags"].([]any); !ok {
			t.Errorf("card %v: tags = %v, want an array", c["id"], c["tags"])
		}
		if _, ok := c["line"].(float64); !ok {
			t.Errorf("card %v: line = %v, want a number", c["id"], c["line"])
		}
	}
}

func TestCompileWarnsWithFileAndLine(t *testing.T) {
	dir := t.TempDir()
	ch := filepath.Join(dir, "c.txt")
	os.WriteFile(ch, []byte("1. Questions\n\nQ: Answered? *How to answer:* Yes.\n\nQ: Unanswered?\n"), 0o644)
	r := spaced(t, nil, "compile", ch)
	r.want(t, 0, "spaced: warning: "+ch+":5: question without an answer")
}

func TestCompileRefuses(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ch := builtinFile(t, dir)
	big := filepath.Join(dir, "big.txt")
	f, _ := os.Create(big)
	f.Truncate(files.MaxSourceSize + 1)
	f.Close()
	notDeck := write("notes.md", []byte("# my notes, not a deck\n"))

	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"missing file", []string{filepath.Join(dir, "nope.txt")}, 1, "nope.txt: no such file"},
		{"directory", []string{dir}, 1, "is a directory"},
		{"empty file", []string{write("empty.txt", nil)}, 1, "empty.txt: file is empty"},
		{"blank file", []string{write("blank.txt", []byte("\n \n"))}, 1, "blank.txt: file is empty"},
		{"binary file", []string{write("bin.txt", []byte("Q: a\x00b"))}, 1, "bin.txt: binary file"},
		{"invalid UTF-8", []string{write("latin1.txt", []byte("ok\nQ: caf\xe9? A: yes\n"))}, 1, "latin1.txt:2: invalid UTF-8"},
		{"too large", []string{big}, 1, "larger than 64 MiB"},
		{"no cards", []string{write("prose.txt", []byte("Only prose here.\n"))}, 1, "prose.txt: no cards found"},
		{"-o not a deck file", []string{ch, "-o", notDeck}, 1, "notes.md: exists and is not a deck file"},
		{"-o in a missing folder", []string{ch, "-o", filepath.Join(dir, "no", "d.deck.md")}, 1, "no such folder"},
		{"-o a directory", []string{ch, "-o", dir}, 1, "is a directory"},
		{"-o under a file", []string{ch, "-o", filepath.Join(notDeck, "d.deck.md")}, 1, "not a directory"},
		{"no chapter", nil, 2, "no CHAPTER"},
		{"extra argument", []string{ch, ch}, 2, "too many arguments"},
		{"unknown flag", []string{ch, "--frmat", "json"}, 2, "frmat"},
		{"unknown format", []string{ch, "--format", "yaml"}, 2, "unknown --format"},
		{"json with -o", []string{ch, "--format", "json", "-o", filepath.Join(dir, "x.json")}, 2, "leave out -o"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := os.ReadFile(notDeck)
			r := spaced(t, nil, append([]string{"compile"}, tt.args...)...)
			r.want(t, tt.code, tt.want)
			if r.stdout != "" {
				t.Errorf("stdout = %q, want nothing", r.stdout)
			}
			if lines := strings.Count(r.stderr, "\n"); lines > 2 {
				t.Errorf("stderr has %d lines, want an error and at most a hint:\n%s", lines, r.stderr)
			}
			after, _ := os.ReadFile(notDeck)
			if !bytes.Equal(before, after) {
				t.Errorf("%s was changed", notDeck)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "x.json")); err == nil {
		t.Errorf("a refused compile wrote a file")
	}
}

func TestCompileOutputEdgeCases(t *testing.T) {
	dir := t.TempDir()
	ch := builtinFile(t, dir)
	want := spaced(t, nil, "compile", ch).stdout
	if r := spaced(t, nil, "compile", ch, "-o", "-"); r.code != 0 || r.stdout != want {
		t.Errorf("compile -o - did not write the deck to stdout (exit %d)", r.code)
	}
	// An empty file at -o holds nothing to lose: it is replaced.
	empty := filepath.Join(dir, "new.deck.md")
	os.WriteFile(empty, nil, 0o644)
	spaced(t, nil, "compile", ch, "-o", empty).want(t, 0)
	if b, _ := os.ReadFile(empty); string(b) != want {
		t.Errorf("the empty -o file was not written")
	}
	spaced(t, nil, "compile", ch, "-o", os.DevNull).want(t, 0)
}

// A deck file given to compile as its CHAPTER is read as a deck file:
// compiling it onto itself leaves it byte for byte, and its JSON has its
// cards, whatever its extension.
func TestCompileDeckFile(t *testing.T) {
	dir := t.TempDir()
	_, src := deck.Builtin()
	chapter := filepath.Join(dir, "chapter.txt")
	if err := os.WriteFile(chapter, src, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"my.deck.md", "my.txt", "my.html"} {
		p := filepath.Join(dir, name)
		spaced(t, nil, "compile", chapter, "-o", p).want(t, 0)
		before, _ := os.ReadFile(p)
		spaced(t, nil, "compile", p, "-o", p).want(t, 0)
		if after, _ := os.ReadFile(p); string(after) != string(before) {
			t.Errorf("compile %s -o %s changed the deck file:\n%s", name, name, after)
		}
		r := spaced(t, nil, "compile", p, "--format", "json")
		r.want(t, 0)
		var d deck.Deck
		if err := json.Unmarshal([]byte(r.stdout), &d); err != nil || len(d.Cards) != 19 {
			t.Errorf("compile %s --format json: %d cards, %v", name, len(d.Cards), err)
		}
	}

	// A deck file that add would refuse is not written.
	for _, c := range []struct{ text, want string }{
		{deck.Magic + "\n", "the deck file has no cards"},
		{deck.Magic + "\n# D\n", "the deck file has no cards"},
		{deck.Magic + "\n\n### qa {#abcdefghij}\nf\n---\nb\n", "the deck has no name"},
	} {
		in := filepath.Join(dir, "bare.deck.md")
		out := filepath.Join(dir, "out.deck.md")
		os.Remove(out)
		if err := os.WriteFile(in, []byte(c.text), 0o644); err != nil {
			t.Fatal(err)
		}
		spaced(t, nil, "compile", in, "-o", out).want(t, 1, c.want, "hint: ")
		if _, err := os.Stat(out); err == nil {
			t.Errorf("compile of %q wrote %s", c.text, out)
		}
	}
	in := filepath.Join(dir, "bare.deck.md")
	spaced(t, nil, "compile", in, "--name", "Named", "-o", filepath.Join(dir, "named.deck.md")).want(t, 0)
}
