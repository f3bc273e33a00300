// Package testenv holds what the tests of every package share: where the
// shared study material is, the external tools some tests run, golden
// files, and the table of awkward card markup that every renderer must
// read alike. Only tests import it.
//
// A test that needs something missing (../shared, pdftotext, tmux) skips
// with a message locally and fails when the CI environment variable is
// set: in CI every check runs.
package testenv

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Update is the -update flag of the packages whose tests have golden
// files: "go test ./deck -update" rewrites them.
var Update = flag.Bool("update", false, "rewrite golden files")

// Missing skips t, or fails it when CI is set, because what is missing.
func Missing(t testing.TB, what string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("CI is set and %s is missing", what)
	}
	t.Skipf("%s is missing; skipping", what)
}

// Root returns the folder holding go.mod, found from the test's folder.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}

// Shared returns ../shared beside the repository, the shared study
// material: chapters with their labels, Anki packages, SM-2 vectors and
// the tools that score and read them.
func Shared(t testing.TB) string {
	t.Helper()
	shared := filepath.Join(Root(t), "..", "shared")
	if _, err := os.Stat(filepath.Join(shared, "chapters")); err != nil {
		Missing(t, shared)
	}
	return shared
}

// Tool returns the path of the command-line tool name.
func Tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, name)
	}
	return p
}

// File returns path when it exists.
func File(t testing.TB, path string) string {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		Missing(t, path)
	}
	return path
}

// Golden compares got with the golden file at path, or writes it with
// -update. On a mismatch it reports the first line that differs.
func Golden(t testing.TB, path string, got []byte) {
	t.Helper()
	if *Update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to write it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl || i >= len(g) || i >= len(w) {
			t.Errorf("%s: line %d differs:\n got: %q\nwant: %q", path, i+1, gl, wl)
			return
		}
	}
}
