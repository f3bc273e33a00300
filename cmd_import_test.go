package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"spaced/internal/testenv"
)

// cardsJSON returns what cards --json prints of the collection of env.
func cardsJSON(t testing.TB, env map[string]string) []map[string]any {
	t.Helper()
	r := spaced(t, env, "cards", "--json")
	r.want(t, 0)
	var out []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("%v: %s", err, r.stdout)
	}
	return out
}

func TestAddRefusesImports(t *testing.T) {
	dir := t.TempDir()
	env := ankiEnv(t)
	csv := filepath.Join(dir, "notes.csv")
	os.WriteFile(csv, []byte("front,back\nWhat is S3?,Object storage\n"), 0o644)
	exported := filepath.Join(dir, "deck.txt")
	spaced(t, env, "export", "anki", "-o", exported).want(t, 0)
	pkg := filepath.Join(dir, "deck.apkg")
	spaced(t, env, "export", "apkg", "-o", pkg).want(t, 0)
	for _, p := range []string{csv, exported, pkg} {
		spaced(t, env, "add", p).want(t, 1, "not a chapter or deck file", "import it with 'spaced import "+p+"'")
	}
}

// TestExportImportPackage grades cards, exports the collection as a
// package with its scheduling and imports it into an empty collection: the
// same cards, IDs and states; importing it again changes nothing.
func TestExportImportPackage(t *testing.T) {
	dir := t.TempDir()
	env := ankiEnv(t)
	for i, today := range []string{"2026-03-01", "2026-03-02", "2026-03-08"} {
		grades := []string{"5\n4\n3\n2\n0\n5\n4\n", "4\n5\n", "3\n3\n3\n"}[i]
		spacedIn(t, strings.NewReader(grades), env, "review", "--today", today).want(t, 0)
	}
	pkg := filepath.Join(dir, "all.apkg")
	spaced(t, env, "export", "apkg", "--with-scheduling", "-o", pkg, "--today", "2026-03-09").want(t, 0)
	other := map[string]string{"SPACED_DB": filepath.Join(dir, "other.db"), "XDG_DATA_HOME": dir}
	r := spaced(t, other, "import", pkg, "--today", "2026-03-09")
	r.want(t, 0)
	if !strings.Contains(r.stdout, "19 new, 0 updated, 0 unchanged; 12 reviews") {
		t.Errorf("import printed %q", r.stdout)
	}
	want, got := cardsJSON(t, env), cardsJSON(t, other)
	a, _ := json.Marshal(want)
	b, _ := json.Marshal(got)
	if string(a) != string(b) {
		t.Errorf("cards --json after the round trip differ:\n got %.600s\nwant %.600s", b, a)
	}
	r = spaced(t, other, "import", pkg, "--today", "2026-03-09")
	if r.want(t, 0); !strings.Contains(r.stdout, "0 new, 0 updated, 19 unchanged; 0 reviews") {
		t.Errorf("second import printed %q", r.stdout)
	}
	info := spaced(t, other, "info", want[0]["id"].(string))
	if info.want(t, 0); !strings.Contains(info.stdout, "(imported)") {
		t.Errorf("info of an imported card shows no imported review:\n%s", info.stdout)
	}
	spaced(t, other, "undo", "--today", "2026-03-08").want(t, 1, "nothing to undo")
}

// TestImportSharedMedia imports a package of Anki's with a media file: the
// file lands in the collection's media folder.
func TestImportSharedMedia(t *testing.T) {
	pkg := testenv.File(t, filepath.Join(testenv.Shared(t), "anki", "media.apkg"))
	env := ankiEnv(t)
	spaced(t, env, "import", pkg).want(t, 0)
	media := filepath.Join(filepath.Dir(env["SPACED_DB"]), "collection.media", "foo.wav")
	if st, err := os.Stat(media); err != nil || st.Size() == 0 || st.Mode().Perm() != 0o600 {
		t.Errorf("media file: %v, %v", err, st)
	}
	cards := cardsJSON(t, env)
	if len(cards) != 1 || cards[0]["front"] != "[sound:foo.wav]" {
		t.Errorf("cards %v", cards)
	}
}

// TestImportText imports CSV and TSV files: a header row, Anki's header
// lines, --columns; again unchanged, edited updated in place.
func TestImportText(t *testing.T) {
	dir := t.TempDir()
	env := ankiEnv(t)
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	csv := write("aws.csv", "Front,Back,Tags\nWhat is S3?,Object storage,aws storage\n\"What is EBS, then?\",\"Block storage\nfor one instance\",aws\n#comment,row\n,empty front\n")
	r := spaced(t, env, "import", csv)
	r.want(t, 0, "aws.csv:6: empty first field")
	if !strings.Contains(r.stdout, "2 new, 0 updated, 0 unchanged") {
		t.Errorf("import printed %q", r.stdout)
	}
	cards := cardsJSON(t, env)
	if len(cards) != 2 || cards[1]["front"] != "What is EBS, then?" || cards[0]["deck"] != "aws" || len(cards[0]["tags"].([]any)) != 2 {
		t.Fatalf("cards %v", cards)
	}
	spaced(t, env, "import", csv).want(t, 0)
	if got := cardsJSON(t, env); len(got) != 2 || got[0]["id"] != cards[0]["id"] {
		t.Errorf("after a second import: %v", got)
	}
	write("aws.csv", "Front,Back,Tags\nWhat is S3?,Object storage with eleven nines,aws storage\n")
	r = spaced(t, env, "import", csv)
	if r.want(t, 0); !strings.Contains(r.stdout, "0 new, 1 updated, 0 unchanged") {
		t.Errorf("import of the edited file printed %q", r.stdout)
	}
	tsv := write("gcp.txt", "#separator:Tab\n#html:true\n#deck:Cloud::GCP\n#notetype:Basic (and reversed card)\nGCS\tobject <b>storage</b>\n")
	spaced(t, env, "import", tsv).want(t, 0)
	swapped := write("swapped.tsv", "Azure Blob\tWhat stores objects on Azure?\n")
	spaced(t, env, "import", swapped, "--columns", "back,front", "--deck", "Azure").want(t, 0)
	var fronts []string
	for _, c := range cardsJSON(t, env) {
		fronts = append(fronts, c["deck"].(string)+": "+c["front"].(string))
	}
	want := "aws: What is S3?|aws: What is EBS, then?|Cloud::GCP: GCS|Cloud::GCP: object **storage**|Azure: What stores objects on Azure?"
	if strings.Join(fronts, "|") != want {
		t.Errorf("fronts %q, want %q", strings.Join(fronts, "|"), want)
	}
	spaced(t, env, "import", swapped, "--columns", "front,answer").want(t, 2, `"answer" is not a column`)
}

// TestImportOwnCSV imports what export anki wrote: the same IDs.
func TestImportOwnCSV(t *testing.T) {
	dir := t.TempDir()
	src := ankiEnv(t)
	out := filepath.Join(dir, "deck.csv")
	spaced(t, src, "export", "anki", "-o", out).want(t, 0)
	spaced(t, src, "add", builtinFile(t, dir)).want(t, 0)
	dst := map[string]string{"SPACED_DB": filepath.Join(dir, "dst.db"), "XDG_DATA_HOME": dir}
	spaced(t, dst, "import", out).want(t, 0)
	a, b := cardsJSON(t, src), cardsJSON(t, dst)
	if len(a) != len(b) {
		t.Fatalf("%d cards, want %d", len(b), len(a))
	}
	for i := range a {
		if a[i]["id"] != b[i]["id"] || a[i]["deck"] != b[i]["deck"] {
			t.Errorf("card %d: %v %v, want %v %v", i, b[i]["id"], b[i]["deck"], a[i]["id"], a[i]["deck"])
		}
	}
}

// TestImportRefusals checks that a bad file is one line naming it, exit
// 1, and that nothing of the other files is imported.
func TestImportRefusals(t *testing.T) {
	dir := t.TempDir()
	env := ankiEnv(t)
	good := filepath.Join(dir, "good.csv")
	os.WriteFile(good, []byte("a,b\n"), 0o644)
	for name, tc := range map[string]struct{ body, want string }{
		"text.apkg":  {"not a zip", "text.apkg: not an Anki package"},
		"binary.csv": {"a,b\x00\x01", "binary.csv: a binary file"},
		"empty.csv":  {"", "empty.csv: file is empty"},
		"latin1.csv": {"caf\xe9,b", "latin1.csv: not UTF-8"},
	} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(tc.body), 0o644)
		r := spaced(t, env, "import", good, p)
		r.want(t, 1, tc.want)
		if strings.Count(strings.TrimSpace(r.stderr), "\n") > 1 {
			t.Errorf("%s: more than a line and a hint: %q", name, r.stderr)
		}
	}
	spaced(t, env, "import").want(t, 2, "no FILE given")
	if r := spaced(t, env, "decks"); strings.Contains(r.stdout, "good") {
		t.Errorf("a refused import left a deck:\n%s", r.stdout)
	}
}

// TestImportMediaSafety checks the media of an import: none are left by
// an import that fails, a file of the same name and other content is kept
// (the new one takes a name with its hash), and a link in the media folder
// is not written through.
func TestImportMediaSafety(t *testing.T) {
	pkg := testenv.File(t, filepath.Join(testenv.Shared(t), "anki", "media.apkg"))
	dir := t.TempDir()
	env := map[string]string{"SPACED_DB": filepath.Join(dir, "c.db"), "XDG_DATA_HOME": dir}
	media := filepath.Join(dir, "c.media")
	bad := filepath.Join(dir, "bad.apkg")
	os.WriteFile(bad, []byte("not a zip"), 0o644)
	spaced(t, env, "import", pkg, bad).want(t, 1, "bad.apkg: not an Anki package")
	if entries, _ := os.ReadDir(dir); len(entries) != 1 { // bad.apkg
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("a failed import left %q", names)
	}
	os.MkdirAll(media, 0o700)
	os.WriteFile(filepath.Join(media, "foo.wav"), []byte("MY OWN"), 0o600)
	outside := filepath.Join(dir, "outside")
	spaced(t, env, "import", pkg).want(t, 0)
	if b, _ := os.ReadFile(filepath.Join(media, "foo.wav")); string(b) != "MY OWN" {
		t.Errorf("foo.wav now holds %q: an import replaced a file of the user's", b)
	}
	os.Remove(filepath.Join(media, "foo.wav"))
	entries, _ := os.ReadDir(media)
	for _, e := range entries {
		os.Remove(filepath.Join(media, e.Name()))
	}
	if len(entries) != 1 || !strings.HasPrefix(entries[0].Name(), "foo-") {
		t.Errorf("media %v, want the package's file under a name with its hash", entries)
	}
	os.Symlink(outside, filepath.Join(media, "foo.wav"))
	spaced(t, map[string]string{"SPACED_DB": filepath.Join(dir, "c.db")}, "import", pkg).want(t, 0)
	if _, err := os.Stat(outside); err == nil {
		t.Error("an import wrote through a link in the media folder")
	}
}
