package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"spaced/internal/testenv"
)

// pdfEnv is an environment with a collection of its own in a test folder.
func pdfEnv(t *testing.T, extra ...string) map[string]string {
	env := map[string]string{"SPACED_DB": filepath.Join(t.TempDir(), "collection.db")}
	for i := 0; i+1 < len(extra); i += 2 {
		env[extra[i]] = extra[i+1]
	}
	return env
}

// writeDeck writes a deck file with one card per front/back pair.
func writeDeck(t *testing.T, dir, name string, pairs ...string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("<!-- spaced deck 1 -->\n# Test::" + name + "\ntitle: " + name + "\nsource: " + name + ".txt\n\n## Marks\n")
	for i := 0; i+1 < len(pairs); i += 2 {
		b.WriteString("\n### qa {#a00000000" + string(rune('0'+i/2)) + "}\n" + pairs[i] + "\n---\n" + pairs[i+1] + "\n")
	}
	path := filepath.Join(dir, name+".deck.md")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestExportPDFWritesFile(t *testing.T) {
	dir := t.TempDir()
	for _, layout := range []string{"sheet", "cards"} {
		out := filepath.Join(dir, layout+".pdf")
		r := spaced(t, pdfEnv(t), "export", "pdf", "-o", out, "--layout", layout, "--paper", "letter")
		r.want(t, 0)
		if r.stderr != "" || r.stdout != "" {
			t.Errorf("%s: stdout %q, stderr %q, want both empty", layout, r.stdout, r.stderr)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.Contains(data, []byte("/MediaBox [0 0 612.00 792.00]")) {
			t.Errorf("%s: %s is not a Letter PDF", layout, out)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("folder holds %d files, want the two PDFs and no temporary file", len(entries))
	}
}

func TestExportPDFDates(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{pdfEnv(t, "SOURCE_DATE_EPOCH", "1767571200"), nil, "(D:20260105000000)"},
		{pdfEnv(t, "SOURCE_DATE_EPOCH", "1767571200"), []string{"--today", "2026-02-03"}, "(D:20260105000000)"},
		{pdfEnv(t), []string{"--today", "2026-02-03"}, "(D:20260203000000)"},
		{pdfEnv(t, "SPACED_TODAY", "2026-02-04"), nil, "(D:20260204000000)"},
		{pdfEnv(t), nil, "(D:20260310000000)"}, // the test clock's study day
	} {
		args := append([]string{"export", "pdf", "-o", "-"}, tc.args...)
		r := spaced(t, tc.env, args...)
		r.want(t, 0)
		for _, key := range []string{"/CreationDate ", "/ModDate "} {
			if !strings.Contains(r.stdout, key+tc.want) {
				t.Errorf("%v %v: PDF lacks %s%s", tc.env, tc.args, key, tc.want)
			}
		}
		again := spaced(t, tc.env, args...)
		if again.stdout != r.stdout {
			t.Errorf("%v %v: a second run wrote different bytes", tc.env, tc.args)
		}
	}
}

func TestExportPDFMissingGlyphWarning(t *testing.T) {
	dir := t.TempDir()
	src := writeDeck(t, dir, "Symbols",
		"Does a check mark print? ✓", "As [U+2713], with a warning.",
		"And a rocket?", "🚀 and ✓ again",
		"Plain", "Nothing missing here — “quotes”, café, αβγ, Привет.")
	out := filepath.Join(dir, "out.pdf")
	r := spaced(t, pdfEnv(t), "export", "pdf", "-o", out, src)
	r.want(t, 0)
	want := "spaced: warning: no glyph for ✓ (U+2713), 🚀 (U+1F680) in 2 cards; use --font FILE.ttf\n"
	if r.stderr != want {
		t.Errorf("stderr = %q, want %q", r.stderr, want)
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("no PDF written: %v", err)
	}
}

func TestExportPDFFont(t *testing.T) {
	const droid = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
	testenv.File(t, droid) // Debian's fonts-droid-fallback
	dir := t.TempDir()
	src := writeDeck(t, dir, "Japanese", "サーバーレスとは何ですか。", "関数が呼び出されたときだけ課金されます。")
	r := spaced(t, pdfEnv(t), "export", "pdf", "-o", filepath.Join(dir, "no-font.pdf"), src)
	r.want(t, 0, "spaced: warning: no glyph for ", " in 1 card; use --font FILE.ttf")
	r = spaced(t, pdfEnv(t), "export", "pdf", "-o", filepath.Join(dir, "font.pdf"), "--font", droid, "--layout", "cards", src)
	r.want(t, 0)
	if r.stderr != "" {
		t.Errorf("with --font: stderr %q, want none", r.stderr)
	}
}

func TestExportPDFRefuses(t *testing.T) {
	dir := t.TempDir()
	src := writeDeck(t, dir, "One", "Front", "Back")
	otf := filepath.Join(dir, "cff.otf")
	ttc := filepath.Join(dir, "fonts.ttc")
	txt := filepath.Join(dir, "notes.ttf")
	os.WriteFile(otf, append([]byte("OTTO"), make([]byte, 64)...), 0o644)
	os.WriteFile(ttc, append([]byte("ttcf"), make([]byte, 64)...), 0o644)
	os.WriteFile(txt, []byte("not a font at all, just some words\n"), 0o644)
	out := filepath.Join(dir, "out.pdf")
	for _, tc := range []struct {
		args []string
		env  map[string]string
		code int
		want []string
	}{
		{[]string{}, nil, 2, []string{"spaced: export pdf: no output file; give -o FILE.pdf"}},
		{[]string{"-o", out, "--paper", "a3"}, nil, 2, []string{`unknown --paper "a3"`}},
		{[]string{"-o", out, "--layout", "poster"}, nil, 2, []string{`unknown --layout "poster"`}},
		{[]string{"-o", out, "--columns", "4"}, nil, 2, []string{"--columns must be 1, 2 or 3"}},
		{[]string{"-o", out, "--columns", "0"}, nil, 2, []string{"--columns must be 1, 2 or 3"}},
		{[]string{"-o", out, "--weak", src}, nil, 2, []string{"--weak reads review history from the collection", "spaced: hint: add the files with 'spaced add'"}},
		{[]string{"-o", out}, map[string]string{"SOURCE_DATE_EPOCH": "yesterday"}, 2, []string{"SOURCE_DATE_EPOCH"}},
		{[]string{"-o", out, "--font", filepath.Join(dir, "nosuch.ttf")}, nil, 1, []string{"nosuch.ttf: no such file"}},
		{[]string{"-o", out, "--font", otf}, nil, 1, []string{"CFF-based OpenType font (.otf) cannot be embedded; use a TrueType font (.ttf)", "spaced: hint: "}},
		{[]string{"-o", out, "--font", ttc}, nil, 1, []string{"TrueType collection (.ttc) cannot be embedded"}},
		{[]string{"-o", out, "--font", txt}, nil, 1, []string{"not a TrueType font file"}},
		{[]string{"-o", out, "--font", dir}, nil, 1, []string{"is a directory"}},
		{[]string{"-o", filepath.Join(dir, "nosuch", "out.pdf")}, nil, 1, []string{"no such folder"}},
		{[]string{"-o", dir}, nil, 1, []string{"is a directory"}},
		{[]string{"-o", out, "--deck", "No Such Deck"}, nil, 1, []string{"no cards to export"}},
		{[]string{"-o", out, filepath.Join(dir, "nosuch.deck.md")}, nil, 1, []string{"no such file"}},
	} {
		env := pdfEnv(t)
		for k, v := range tc.env {
			env[k] = v
		}
		r := spaced(t, env, append([]string{"export", "pdf"}, tc.args...)...)
		r.want(t, tc.code, tc.want...)
		if n := strings.Count(r.stderr, "spaced: ") - strings.Count(r.stderr, "spaced: hint: "); n != 1 {
			t.Errorf("%v: %d error lines, want 1: %q", tc.args, n, r.stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Fatalf("%v: wrote %s", tc.args, out)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func TestExportPDFColumnsOnlyForSheets(t *testing.T) {
	out := filepath.Join(t.TempDir(), "cards.pdf")
	r := spaced(t, pdfEnv(t), "export", "pdf", "-o", out, "--layout", "cards", "--columns", "3")
	r.want(t, 0)
	if want := "spaced: warning: --columns applies to --layout sheet only; ignored\n"; r.stderr != want {
		t.Errorf("stderr = %q, want %q", r.stderr, want)
	}
}

func TestExportPDFWeak(t *testing.T) {
	pdftotext := testenv.Tool(t, "pdftotext")
	dir := t.TempDir()
	src := writeDeck(t, dir, "Weak", "Easy front", "Easy back", "Hard front", "Hard back", "Other front", "Other back")
	env := pdfEnv(t)
	spaced(t, env, "add", src).want(t, 0)
	spaced(t, env, "grade", "a000000001", "0").want(t, 0)
	out := filepath.Join(dir, "weak.pdf")
	spaced(t, env, "export", "pdf", "--weak", "-o", out).want(t, 0)
	text, err := exec.Command(pdftotext, out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Weak cards: Test — Weak", "Hard front", "Hard back"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("weak PDF lacks %q:\n%s", want, text)
		}
	}
	for _, not := range []string{"Easy front", "Other front"} {
		if strings.Contains(string(text), not) {
			t.Errorf("weak PDF holds %q", not)
		}
	}
}
