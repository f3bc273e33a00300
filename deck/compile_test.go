package deck

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func TestCompileRefuses(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"binary", "Q: a *How to answer:* b\x00\n", "c.txt: binary file"},
		{"invalid UTF-8 names the line", "one\ntwo\nQ: \xff *How to answer:* b\n", "c.txt:3: invalid UTF-8"},
		{"no cards", "Just prose.\nMore prose.\n", "c.txt: no cards found"},
	}
	for _, tt := range tests {
		_, _, err := Compile("c.txt", []byte(tt.src), Options{})
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: Compile error = %v, want prefix %q", tt.name, err, tt.want)
		}
	}
}

// A BOM and CRLF or CR line ends give the same deck as plain LF.
func TestCompileLineEnds(t *testing.T) {
	_, src := Builtin()
	want, _, err := Compile("c.txt", src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	variants := map[string][]byte{
		"BOM":  append([]byte("\uFEFF"), src...),
		"CRLF": bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n")),
		"CR":   bytes.ReplaceAll(src, []byte("\n"), []byte("\r")),
	}
	for name, v := range variants {
		got, _, err := Compile("c.txt", v, Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: deck differs from the LF deck", name)
		}
	}
}

func TestCompileNames(t *testing.T) {
	tests := []struct {
		path, src, opt, want string
	}{
		{"a/notes.txt", "Q: a? A: b\n", "", "notes"},
		{"a/notes.txt", "# Lambda Notes\n\nQ: a? A: b\n", "", "Lambda Notes"},
		{"a/notes.txt", "Q: a? A: b\n", "Mine::Lambda", "Mine::Lambda"},
	}
	for _, tt := range tests {
		d, _, err := Compile(tt.path, []byte(tt.src), Options{Name: tt.opt})
		if err != nil {
			t.Fatal(err)
		}
		if d.Name != tt.want {
			t.Errorf("Compile(%q, %q, Name %q).Name = %q, want %q", tt.path, tt.src, tt.opt, d.Name, tt.want)
		}
	}
}

// A chapter on one line of 8 MiB compiles (or finds no card) without
// trouble: lines have no length limit.
func TestCompileLongLine(t *testing.T) {
	line := "Q: Why? *How to answer:* " + strings.Repeat("because ", 1<<20) + "\n"
	d, _, err := Compile("long.txt", []byte(line), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Cards) != 1 || len(d.Cards[0].Back) < 8<<20-1 {
		t.Errorf("got %d cards, want 1 with the whole back", len(d.Cards))
	}
}

// FuzzCompile checks that compiling any page saved as text never panics,
// and that every deck it returns has non-empty fronts and backs, unique IDs,
// and survives the deck file.
func FuzzCompile(f *testing.F) {
	_, src := Builtin()
	f.Add(src)
	f.Add([]byte("1. Part\n\nQ: a *How to answer:* b\nScenario 1: T *Question:* \"q\" *How to answer:* a\n  1. 1. L: t\n  • T: d\n"))
	f.Add([]byte("Q: *How to answer:* \n  • : \nScenario 9: *Question:* \"\" *How to answer:*"))
	f.Fuzz(func(t *testing.T, src []byte) {
		d, _, err := Compile("f.txt", src, Options{})
		if err != nil {
			return
		}
		ids := map[string]bool{}
		for _, c := range d.Cards {
			if strings.TrimSpace(c.Front) == "" || strings.TrimSpace(c.Back) == "" {
				t.Fatalf("card with an empty side: %+v", c)
			}
			if ids[c.ID] {
				t.Fatalf("ID %s repeats", c.ID)
			}
			ids[c.ID] = true
		}
		roundTrip(t, d)
	})
}
