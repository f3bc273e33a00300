package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"spaced/deck"
)

// ankiEnv is an environment whose collection is a fresh file in a temporary
// folder, so that no test reads a real one.
func ankiEnv(t testing.TB) map[string]string {
	dir := t.TempDir()
	return map[string]string{"SPACED_DB": filepath.Join(dir, "collection.db"), "XDG_DATA_HOME": dir}
}

// ankiDeckFile compiles the built-in chapter into a deck file in dir and
// returns its path.
func ankiDeckFile(t testing.TB, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "serverless.deck.md")
	spaced(t, nil, "compile", builtinFile(t, dir), "-o", path).want(t, 0)
	return path
}

// ankiRows returns the rows of an export, without the header block.
func ankiRows(t testing.TB, csv string) []string {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(csv, "\n"), "\n")
	if len(lines) < 7 || lines[0] != "#separator:Comma" || lines[6] != "#if matches:update current" {
		t.Fatalf("the export starts %.300q, want the header block", csv)
	}
	return lines[7:]
}

func TestExportAnkiBuiltinToStdout(t *testing.T) {
	r := spaced(t, ankiEnv(t), "export", "anki")
	r.want(t, 0)
	golden, err := os.ReadFile(filepath.Join("export", "testdata", "builtin.anki.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if r.stdout != string(golden) {
		t.Errorf("export anki with no SOURCE and no collection differs from export/testdata/builtin.anki.csv:\n%.500s", r.stdout)
	}
	if r.stderr != "" {
		t.Errorf("export anki printed %q on stderr", r.stderr)
	}
}

func TestExportAnkiToFile(t *testing.T) {
	dir := t.TempDir()
	src := ankiDeckFile(t, dir)
	out := filepath.Join(dir, "serverless.csv")
	stdout := spaced(t, ankiEnv(t), "export", "anki", src).stdout
	r := spaced(t, ankiEnv(t), "export", "anki", src, "-o", out)
	r.want(t, 0)
	if r.stdout != "" || r.stderr != "" {
		t.Errorf("export anki -o printed %q and %q", r.stdout, r.stderr)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != stdout {
		t.Error("the -o file differs from the export on stdout")
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".*tmp*")); len(leftovers) > 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}
	// "-o -" is stdout.
	if r := spaced(t, ankiEnv(t), "export", "anki", "-o", "-", src); r.stdout != stdout {
		t.Error("export anki -o - differs from the export on stdout")
	}
}

func TestExportAnkiOptions(t *testing.T) {
	dir := t.TempDir()
	src := ankiDeckFile(t, dir)
	all := ankiRows(t, spaced(t, ankiEnv(t), "export", "anki", src).stdout)

	// Flags after the argument; --reverse names the notetype for the file.
	r := spaced(t, ankiEnv(t), "export", "anki", src, "--reverse", "--anki-deck", "Interviews::Serverless")
	r.want(t, 0)
	if !strings.Contains(r.stdout, "\n#notetype:Basic (and reversed card)\n") {
		t.Errorf("--reverse: header %.200q", r.stdout)
	}
	rows := ankiRows(t, r.stdout)
	if len(rows) != len(all) {
		t.Fatalf("--reverse --anki-deck: %d rows, want %d", len(rows), len(all))
	}
	for i, row := range rows {
		id, _, _ := strings.Cut(all[i], ",")
		if !strings.HasPrefix(row, id+",Interviews::Serverless,") {
			t.Errorf("--anki-deck: row %q, want %s,Interviews::Serverless,…", row, id)
		}
	}
	r = spaced(t, ankiEnv(t), "export", "anki", "--notetype", "Einfach", "--reverse", src)
	r.want(t, 0)
	if !strings.Contains(r.stdout, "\n#notetype:Einfach\n") {
		t.Errorf("--notetype: header %.200q", r.stdout)
	}

	// Filters select rows and keep their order.
	for _, f := range [][]string{{"--section", "part 1"}, {"--tag", "roadmap"}, {"--deck", "serverless architecture"}} {
		r := spaced(t, ankiEnv(t), append([]string{"export", "anki", src}, f...)...)
		r.want(t, 0)
		rows := ankiRows(t, r.stdout)
		j := 0
		for _, row := range rows {
			for j < len(all) && all[j] != row {
				j++
			}
			if j == len(all) {
				t.Errorf("%v: row %q is not one of the unfiltered rows, in order", f, row)
				break
			}
		}
		if len(rows) == 0 || f[0] != "--deck" && len(rows) == len(all) {
			t.Errorf("%v: %d rows of %d", f, len(rows), len(all))
		}
	}
}

func TestExportAnkiReexport(t *testing.T) {
	// Export a deck file, edit one back in it, export again: the same GUIDs
	// in the same order, and only that card's row changes.
	dir := t.TempDir()
	src := ankiDeckFile(t, dir)
	first, second := filepath.Join(dir, "first.csv"), filepath.Join(dir, "second.csv")
	spaced(t, ankiEnv(t), "export", "anki", src, "-o", first).want(t, 0)

	text, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	d, err := deck.Read(strings.NewReader(string(text)))
	if err != nil {
		t.Fatal(err)
	}
	edited := len(d.Cards) / 2
	old := "---\n" + d.Cards[edited].Back + "\n"
	if strings.Count(string(text), old) != 1 {
		t.Fatalf("the back of card %d is not unique in the deck file", edited)
	}
	err = os.WriteFile(src, []byte(strings.Replace(string(text), old, "---\nA rewritten answer, *shorter* now.\n", 1)), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	spaced(t, ankiEnv(t), "export", "anki", src, "-o", second).want(t, 0)

	a, _ := os.ReadFile(first)
	b, _ := os.ReadFile(second)
	ra, rb := ankiRows(t, string(a)), ankiRows(t, string(b))
	if len(ra) != len(rb) || len(ra) != len(d.Cards) {
		t.Fatalf("%d rows, then %d, want %d", len(ra), len(rb), len(d.Cards))
	}
	for i := range ra {
		ida, _, _ := strings.Cut(ra[i], ",")
		idb, _, _ := strings.Cut(rb[i], ",")
		if ida != idb || ida != d.Cards[i].ID {
			t.Errorf("row %d: GUID %s, then %s, want %s", i, ida, idb, d.Cards[i].ID)
		}
		if changed := ra[i] != rb[i]; changed != (i == edited) {
			t.Errorf("row %d changed = %v:\n%s\n%s", i, changed, ra[i], rb[i])
		}
	}
	if !strings.Contains(rb[edited], `,"A rewritten answer, <i>shorter</i> now.",`) {
		t.Errorf("the edited row is %s", rb[edited])
	}
}

func TestExportAnkiFails(t *testing.T) {
	dir := t.TempDir()
	src := ankiDeckFile(t, dir)
	noCards := filepath.Join(dir, "prose.txt")
	if err := os.WriteFile(noCards, []byte("Just a paragraph of prose, with no questions in it.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	existing := filepath.Join(dir, "existing.csv")
	if err := os.WriteFile(existing, []byte("keep me\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		want []string
		out  string // a file that must not be written
	}{
		{"no such folder", []string{src, "-o", filepath.Join(dir, "nosuch", "x.csv")}, 1, []string{"no such folder"}, filepath.Join(dir, "nosuch", "x.csv")},
		{"a folder", []string{src, "-o", dir}, 1, []string{"is a directory"}, ""},
		{"filter matches nothing", []string{src, "--section", "no such section", "-o", existing}, 1, []string{"no cards to export", "spaced: hint: "}, existing},
		{"tag matches nothing", []string{"--tag", "nosuchtag", "-o", filepath.Join(dir, "t.csv")}, 1, []string{"no cards to export"}, filepath.Join(dir, "t.csv")},
		{"SOURCE without cards", []string{src, noCards, "-o", existing}, 1, []string{"prose.txt", "no cards found"}, existing},
		{"missing SOURCE", []string{filepath.Join(dir, "nosuch.txt"), "-o", existing}, 1, []string{"nosuch.txt: no such file"}, existing},
		{"empty --anki-deck", []string{src, "--anki-deck", "", "-o", existing}, 2, []string{"--anki-deck needs a name"}, existing},
		{"numeric --anki-deck", []string{src, "--anki-deck", "2024", "-o", existing}, 2, []string{"deck ID"}, existing},
		{"--notetype with spaces", []string{src, "--notetype", " Basic", "-o", existing}, 2, []string{"white space"}, existing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := spaced(t, ankiEnv(t), append([]string{"export", "anki"}, tt.args...)...)
			r.want(t, tt.code, tt.want...)
			if r.stdout != "" {
				t.Errorf("stdout %q, want nothing", r.stdout)
			}
			for _, line := range strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n") {
				if !strings.HasPrefix(line, "spaced: ") || strings.HasPrefix(line, "spaced: warning:") {
					t.Errorf("stderr line %q; want one error line, perhaps with a hint", line)
				}
			}
			if n := strings.Count(r.stderr, "\n"); n > 2 {
				t.Errorf("stderr has %d lines:\n%s", n, r.stderr)
			}
			switch tt.out {
			case "":
			case existing:
				if b, _ := os.ReadFile(existing); string(b) != "keep me\n" {
					t.Errorf("%s was overwritten: %.100q", existing, b)
				}
			default:
				if _, err := os.Stat(tt.out); err == nil {
					t.Errorf("%s was written", tt.out)
				}
			}
			if leftovers, _ := filepath.Glob(filepath.Join(dir, ".*tmp*")); len(leftovers) > 0 {
				t.Errorf("temporary files left behind: %v", leftovers)
			}
		})
	}
}

func TestExportAnkiWarnsAboutExtension(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "serverless.apkg")
	r := spaced(t, ankiEnv(t), "export", "anki", "-o", out)
	r.want(t, 0, "spaced: warning: "+out+": Anki's import dialog offers only files ending in .csv, .tsv or .txt")
	if _, err := os.Stat(out); err != nil {
		t.Errorf("the file was not written: %v", err)
	}
}

func TestExportAnkiRefusesToOverwriteSource(t *testing.T) {
	dir := t.TempDir()
	src := ankiDeckFile(t, dir)
	before, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	r := spaced(t, ankiEnv(t), "export", "anki", src, "-o", src)
	r.want(t, 1, "is the SOURCE", "not overwriting it")
	if after, _ := os.ReadFile(src); string(after) != string(before) {
		t.Errorf("export anki -o SOURCE changed %s", src)
	}
}

// --media copies a card's images into Anki's media folder under names made
// from their content, which the <img> tags use; a missing image is a
// warning naming the chapter and line; without --media a warning says Anki
// will not find the images.
func TestExportAnkiMedia(t *testing.T) {
	dir := t.TempDir()
	png := []byte("\x89PNG\r\n\x1a\nnot really, but bytes")
	os.WriteFile(filepath.Join(dir, "fanout.png"), png, 0o644)
	chapter := filepath.Join(dir, "ch.md")
	os.WriteFile(chapter, []byte("# Msg\n\n**Q: What is a fan-out?**\n\nA: One topic, many queues.\n\n![diagram](fanout.png)\n\n**Q: And a lost one?**\n\nA: ![gone](gone.png) is gone.\n"), 0o644)
	media := filepath.Join(dir, "collection.media")
	os.Mkdir(media, 0o755)
	r := spaced(t, nil, "export", "anki", chapter, "--media", media)
	r.want(t, 0, chapter+":9: gone.png: no such file") // the line of its card
	ents, _ := os.ReadDir(media)
	if len(ents) != 1 || !strings.HasSuffix(ents[0].Name(), "-fanout.png") {
		t.Fatalf("media folder: %v", ents)
	}
	if got, _ := os.ReadFile(filepath.Join(media, ents[0].Name())); string(got) != string(png) {
		t.Errorf("copied %q", got)
	}
	if !strings.Contains(r.stdout, `<img src=""`+ents[0].Name()+`"">`) {
		t.Errorf("the CSV does not name the copied file:\n%s", r.stdout)
	}
	again := spaced(t, nil, "export", "anki", chapter, "--media", media)
	if ents2, _ := os.ReadDir(media); again.stdout != r.stdout || len(ents2) != 1 {
		t.Errorf("a second export changed the file or the media folder")
	}
	spaced(t, nil, "export", "anki", chapter).want(t, 0, "the cards show 2 images; give --media DIR")
}
