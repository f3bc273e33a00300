package deck

import (
	"os"
	"path/filepath"
	"testing"
)

// sharedDir returns the folder of shared study material beside the
// repository (../shared from the folder holding go.mod). It skips the test
// when the folder is absent, and fails it when the CI environment variable
// is set, since CI runs every check.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
	shared := filepath.Join(dir, "..", "shared")
	if _, err := os.Stat(filepath.Join(shared, "chapters")); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set and %s is missing: %v", shared, err)
		}
		t.Skipf("%s is missing; skipping", shared)
	}
	return shared
}

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
