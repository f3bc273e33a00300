package deck

import (
	"os"
	"path/filepath"
	"testing"

	"spaced/internal/testenv"
)

// compileFile compiles the chapter at path and fails the test on an error.
func compileFile(t testing.TB, path string) (*Deck, []Warning) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, warnings, err := Compile(path, src, Options{})
	if err != nil {
		t.Fatalf("Compile(%s): %v", path, err)
	}
	return d, warnings
}

// The finder run on a chapter of each format, for the shape tests.
func parseText(src string) chapter     { return mustFind("chapter.txt", src) }
func parseMarkdown(src string) chapter { return mustFind("chapter.md", src) }
func parseHTML(src string) chapter     { return mustFind("chapter.html", src) }
func parseOrg(src string) chapter      { return mustFind("chapter.org", src) }
func parseAsciiDoc(src string) chapter { return mustFind("chapter.adoc", src) }
func parseRST(src string) chapter      { return mustFind("chapter.rst", src) }

func mustFind(path, src string) chapter {
	ch, err := findCards(path, src)
	if err != nil {
		panic(err)
	}
	return ch
}

// addSharedChapters adds to texts, by file name, the decoded text of each
// shared chapter whose name matches pattern and that keep accepts; none
// without ../shared.
func addSharedChapters(t *testing.T, texts map[string]string, pattern string, keep func(text string) bool) {
	t.Helper()
	dir := testenv.Shared(t)
	if dir == "" {
		return
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "chapters", pattern))
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		text, err := decodeText(p, string(src))
		if err != nil {
			t.Fatal(err)
		}
		if keep(text) {
			texts[filepath.Base(p)] = text
		}
	}
}
