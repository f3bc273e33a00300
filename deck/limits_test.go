package deck

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// allocated returns the bytes allocated while f runs.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// Nesting beyond MaxDepth is refused with an error naming the line, before
// the Markdown parser spends quadratic time on it.
func TestCompileRefusesDeepNesting(t *testing.T) {
	tests := []struct {
		name, path, src, want string
	}{
		{"quotes", "deep.md", "# Deep\n\n" + strings.Repeat(">", MaxDepth+1) + " What?\n", "deep.md:3: block quotes nested deeper than 100"},
		{"lists", "deep.md", func() string {
			var b strings.Builder
			for i := 0; i < 3*MaxDepth; i++ {
				fmt.Fprintf(&b, "%s- item %d\n", strings.Repeat("  ", i), i)
			}
			return b.String()
		}(), "deep.md:202: list items nested deeper than 100"},
		{"html", "deep.html", strings.Repeat("<div>", 600) + "<h2>What?</h2><p>That.</p>", "deep.html: HTML elements nested deeper than the parser allows (512)"},
		{"NUL after the first 8 KiB", "late.txt", strings.Repeat("Some prose line.\n", 600) + "Q: What?\x00\nA: That.\n", "late.txt:601: NUL byte in the text"},
	}
	for _, tt := range tests {
		_, _, err := Compile(tt.path, []byte(tt.src), Options{})
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: Compile error = %v, want %q", tt.name, err, tt.want)
		}
	}
	// At the limit, the chapter is read.
	d, _, err := Compile("ok.md", []byte("## Nested\n\n"+strings.Repeat(">", MaxDepth)+" **Q:** What is deep?\n"+strings.Repeat(">", MaxDepth)+" **A:** This.\n"), Options{})
	if err != nil || len(d.Cards) != 1 {
		t.Errorf("Compile at the limit = %v, %v, want one card", d, err)
	}
}

// A line of emphasis markers costs memory in proportion to its length: its
// markers are read as text.
func TestCompileManyInlineMarks(t *testing.T) {
	line := strings.Repeat("a*", 1<<19) // 1 MiB
	src := []byte("## What is this?\n\n" + line + "\n")
	var d *Deck
	n := allocated(func() {
		var err error
		if d, _, err = Compile("marks.md", src, Options{}); err != nil {
			t.Fatal(err)
		}
	})
	if limit := uint64(40 * len(src)); n > limit {
		t.Errorf("compiling %d bytes allocated %d bytes, want at most %d", len(src), n, limit)
	}
	if len(d.Cards) != 1 || !strings.HasPrefix(d.Cards[0].Back, `a\*a\*`) {
		t.Errorf("cards = %.80v, want one whose back starts with escaped markers", d.Cards)
	}
}

// A glossary written without blank lines gives one card per term, each
// back its own definition, at a cost linear in the number of terms.
func TestCompileGlossaryWithoutBlankLinesIsLinear(t *testing.T) {
	build := func(n int) []byte {
		var b strings.Builder
		b.WriteString("Glossary\n\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "Term %d\nThe meaning of term %d.\n", i, i)
		}
		return []byte(b.String())
	}
	var small, large uint64
	for _, n := range []int{2000, 8000} {
		src := build(n)
		var d *Deck
		used := allocated(func() {
			var err error
			if d, _, err = Compile("glossary.txt", src, Options{}); err != nil {
				t.Fatal(err)
			}
		})
		if len(d.Cards) != n {
			t.Fatalf("%d terms gave %d cards", n, len(d.Cards))
		}
		if c := d.Cards[n/2]; c.Front != fmt.Sprintf("Term %d", n/2) || c.Back != fmt.Sprintf("The meaning of term %d.", n/2) {
			t.Errorf("card %d = %q / %q", n/2, c.Front, c.Back)
		}
		if n == 2000 {
			small = used
		} else {
			large = used
		}
	}
	if large > 6*small {
		t.Errorf("4× the terms allocated %.1f× the memory (%d, %d bytes), want about 4×", float64(large)/float64(small), small, large)
	}
}

// List markers one after another on a line ("- - - x", "1. 1. x",
// "> - > - x") open as many lists: past MaxDepth the line is refused, at
// once, before the parser spends quadratic time on it.
func TestCompileRefusesMarkersOnOneLine(t *testing.T) {
	for _, marker := range []string{"- ", "* ", "+ ", "1. ", "2) ", "> - "} {
		src := "# T\n\n" + strings.Repeat(marker, 20*MaxDepth) + "x\n"
		_, _, err := Compile("m.md", []byte(src), Options{})
		if err == nil || !strings.HasPrefix(err.Error(), "m.md:3: ") || !strings.Contains(err.Error(), "nested deeper than 100") {
			t.Errorf("%q × %d: Compile error = %v", marker, 20*MaxDepth, err)
		}
	}
	_, _, err := Compile("ok.md", []byte("## Lists\n\n- - What is nested?\n  A list in a list.\n\n"+strings.Repeat("- ", MaxDepth)+"Deep, but within the limit.\n"), Options{})
	if err != nil && strings.Contains(err.Error(), "nested") {
		t.Errorf("markers within the limit: %v", err)
	}
}

// Deep lists on every line are refused once their levels, all together,
// pass one for every 16 bytes of the chapter: each level is a node of the
// parser's tree, and a file of them would make it hundreds of times the
// file's size.
func TestCompileRefusesNestingEverywhere(t *testing.T) {
	src := "# T\n\n" + strings.Repeat(strings.Repeat("- ", MaxDepth-1)+"x\n", 1000)
	_, _, err := Compile("m.md", []byte(src), Options{})
	if err == nil || !strings.Contains(err.Error(), "lists and quotes nest") {
		t.Errorf("Compile = %v, want the nesting budget refused", err)
	}
}
