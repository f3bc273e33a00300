package deck

import (
	"bufio"
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"spaced/internal/testenv"
)

// withoutLines returns a copy of d with every card's Line zeroed: a deck
// file records where each card stands in the deck file, not in the chapter.
func withoutLines(d *Deck) *Deck {
	c := *d
	c.Cards = append([]Card(nil), d.Cards...)
	for i := range c.Cards {
		c.Cards[i].Line = 0
	}
	return &c
}

// roundTrip writes d, reads it back and fails unless the cards, apart from
// their lines, are equal, and a second write gives the same bytes.
func roundTrip(t testing.TB, d *Deck) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		t.Fatalf("Write: %v", err)
	}
	got, err := Read(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("Read(Write(d)): %v\n%s", err, buf.String())
	}
	if !reflect.DeepEqual(withoutLines(got), withoutLines(d)) {
		t.Fatalf("Read(Write(d)) = %+v\nwant %+v", got, d)
	}
	// A deck file's text, read as the program reads the files it is given.
	text, _, err := LoadText("d.deck.md", buf.String(), "")
	if err != nil || !reflect.DeepEqual(text, got) {
		t.Fatalf("LoadText(Write(d)) = %+v, %v\nwant Read's %+v", text, err, got)
	}
	var again bytes.Buffer
	if err := Write(&again, got); err != nil {
		t.Fatalf("Write(Read(Write(d))): %v", err)
	}
	if !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Fatalf("Write(Read(Write(d))) differs from Write(d)")
	}
}

func TestDeckFileRoundTripBuiltin(t *testing.T) {
	path, src := Builtin()
	d, _, err := Compile(path, src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	roundTrip(t, d)
}

func TestDeckFileRoundTripSeed(t *testing.T) {
	d, _ := compileFile(t, filepath.Join(testenv.Shared(t), "chapters", "00-seed-serverless-ch20.txt"))
	roundTrip(t, d)
}

func TestDeckFileRoundTripTricky(t *testing.T) {
	d := &Deck{Name: "A::B", Title: "T", Source: "x.md", Cards: []Card{
		{ID: "0000000001", Kind: KindQA, Front: "no section", Back: "b"},
		{ID: "0000000002", Kind: KindQA, Section: "S", Front: "---\n## not a section\n### not a card\ntags: not tags", Back: `\escaped` + "\n\n  indented\n---  "},
		{ID: "0000000003", Kind: KindOther, Section: "S", Front: "tags: x", Back: "*em* **strong** `code`", Tags: []string{"a", "b::c"}},
		{ID: "0000000004", Kind: KindStep, Section: "", Front: StepFront("L", 2, "x"), Back: "# a hash line\n<!-- spaced deck 1 -->"},
		{ID: "0000000005", Kind: KindDefinition, Section: "Ω 日本語", Front: "é", Back: "🚀"},
	}}
	roundTrip(t, d)
}

func TestDeckFileFormat(t *testing.T) {
	d := &Deck{Name: "Serverless Architecture::Chapter 20", Title: "Serverless Interview Questions and Career Roadmap", Source: "chapter20.txt",
		Cards: []Card{{ID: "k3v9x0q2ab", Kind: KindStep, Section: "The Serverless Cloud Engineer Roadmap", Tags: []string{"roadmap"},
			Front: "The Serverless Cloud Engineer Roadmap — step 1: Programming Fundamentals", Back: "You must know Node.js, Python, or Go."}}}
	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	want := `<!-- spaced deck 1 -->
# Serverless Architecture::Chapter 20
title: Serverless Interview Questions and Career Roadmap
source: chapter20.txt

## The Serverless Cloud Engineer Roadmap

### step {#k3v9x0q2ab}
tags: roadmap
The Serverless Cloud Engineer Roadmap — step 1: Programming Fundamentals
---
You must know Node.js, Python, or Go.
`
	if got := buf.String(); got != want {
		t.Errorf("Write =\n%s\nwant\n%s", got, want)
	}
}

func TestReadDeckAccepts(t *testing.T) {
	src := "\uFEFF" + Magic + "\r\n# D\r\n\r\n## S\r\n\r\n### qa {#abcdefghij}\r\nfront\r\n---\r\nback\r\n"
	d, err := Read(strings.NewReader(src))
	if err != nil {
		t.Fatalf("Read(BOM, CRLF): %v", err)
	}
	want := []Card{{ID: "abcdefghij", Kind: KindQA, Section: "S", Front: "front", Back: "back", Line: 6}}
	if d.Name != "D" || !reflect.DeepEqual(d.Cards, want) {
		t.Errorf("Read = %+v, want name D and %+v", d, want)
	}
}

func TestReadDeckErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"not a deck", "# hello\n", "1: not a deck file"},
		{"newer version", "<!-- spaced deck 2 -->\n", "1: deck file version"},
		{"bad heading", Magic + "\n# D\n### qa\nf\n---\nb\n", "3: malformed card heading"},
		{"bad kind", Magic + "\n# D\n### quiz {#abcdefghij}\nf\n---\nb\n", "3: unknown card kind"},
		{"bad id", Magic + "\n# D\n### qa {#ABC}\nf\n---\nb\n", "3: malformed card ID"},
		{"repeated id", Magic + "\n# D\n### qa {#abcdefghij}\nf\n---\nb\n### qa {#abcdefghij}\ng\n---\nc\n", "7: card ID abcdefghij repeats the card at line 3"},
		{"no rule", Magic + "\n# D\n### qa {#abcdefghij}\nf\nb\n", "3: card abcdefghij has no \"---\""},
		{"empty front", Magic + "\n# D\n### qa {#abcdefghij}\n---\nb\n", "3: card abcdefghij has an empty front"},
		{"empty back", Magic + "\n# D\n### qa {#abcdefghij}\nf\n---\n\n", "3: card abcdefghij has an empty back"},
		{"stray text", Magic + "\n# D\n## S\nstray\n", "4: text outside a card"},
		{"invalid utf-8", Magic + "\n# D\n### qa {#abcdefghij}\nf\xff\n---\nb\n", "4: invalid UTF-8"},
	}
	for _, tt := range tests {
		_, err := Read(strings.NewReader(tt.src))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: Read error = %v, want prefix %q", tt.name, err, tt.want)
		}
		if !IsDeckText(tt.src) {
			continue
		}
		if _, _, lerr := LoadText("d.deck.md", tt.src, ""); err == nil || lerr == nil || lerr.Error() != "d.deck.md:"+err.Error() {
			t.Errorf("%s: LoadText error = %v, want d.deck.md:%v", tt.name, lerr, err)
		}
	}
}

// TestLinesAsScanner holds lines, which reads a deck file's text in place,
// to the lines bufio.Scanner gives of the same text.
func TestLinesAsScanner(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	parts := []string{"a", "bc", "\r", "\n", "\r\n", "\uFEFF", " "}
	inputs := []string{"", "\n", "\n\n", "a", "a\n", "a\r", "a\r\r\n", "\r\n\r\n"}
	for range 5000 {
		var b strings.Builder
		for range rnd.IntN(12) {
			b.WriteString(parts[rnd.IntN(len(parts))])
		}
		inputs = append(inputs, b.String())
	}
	for _, in := range inputs {
		var want, got []string
		sc := bufio.NewScanner(strings.NewReader(in))
		for sc.Scan() {
			want = append(want, sc.Text())
		}
		next := lines(in)
		for l, ok := next(); ok; l, ok = next() {
			got = append(got, l)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("lines(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteRefuses(t *testing.T) {
	ok := Card{ID: "abcdefghij", Kind: KindQA, Front: "f", Back: "b"}
	tests := []struct {
		name string
		edit func(d *Deck)
	}{
		{"line break in name", func(d *Deck) { d.Name = "a\nb" }},
		{"bad id", func(d *Deck) { d.Cards[0].ID = "x" }},
		{"bad kind", func(d *Deck) { d.Cards[0].Kind = "quiz" }},
		{"empty front", func(d *Deck) { d.Cards[0].Front = " " }},
		{"empty back", func(d *Deck) { d.Cards[0].Back = "" }},
		{"tag with space", func(d *Deck) { d.Cards[0].Tags = []string{"a b"} }},
		{"section with line break", func(d *Deck) { d.Cards[0].Section = "a\nb" }},
	}
	for _, tt := range tests {
		d := &Deck{Name: "D", Cards: []Card{ok}}
		tt.edit(d)
		if err := Write(&bytes.Buffer{}, d); err == nil {
			t.Errorf("%s: Write succeeded, want an error", tt.name)
		}
	}
}

func TestIsDeckFile(t *testing.T) {
	tests := []struct {
		src  string
		want bool
	}{
		{Magic + "\n", true},
		{"\uFEFF" + Magic + "\n", true},
		{"<!-- spaced deck 2 -->\n", true},
		{" " + Magic, false},
		{"# Chapter\n", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsDeckFile([]byte(tt.src)); got != tt.want {
			t.Errorf("IsDeckFile(%q) = %v, want %v", tt.src, got, tt.want)
		}
	}
}

// FuzzReadDeck checks that Read never panics and that whatever it accepts
// survives a write and a read unchanged.
func FuzzReadDeck(f *testing.F) {
	path, src := Builtin()
	d, _, err := Compile(path, src, Options{})
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.String())
	f.Add(Magic + "\n# D\n## S\n### qa {#abcdefghij}\ntags: a b\n\\---\nf\n---\n\\## b\n")
	f.Add(Magic + "\n# D\n### qa {#abcdefghij}\nf\n---\nb\n##\n### other {#0123456789}\nx\n---\ny\n")
	f.Add(Magic + "\n# D\n### cloze {#abcdefghij} {#0123456789}\nThe {{c1::a}} and {{c2::b::h}}.\n---\n### qa {#bcdefghijk} {#cdefghijkl}\nf\n---\nb\n")
	f.Fuzz(func(t *testing.T, src string) {
		d, err := Read(strings.NewReader(src))
		if err != nil {
			return
		}
		ids := map[string]bool{}
		for _, c := range d.Cards {
			if strings.TrimSpace(c.Front) == "" || strings.TrimSpace(c.Back) == "" {
				t.Fatalf("card %s has an empty side: %+v", c.ID, c)
			}
			if ids[c.ID] {
				t.Fatalf("ID %s repeats", c.ID)
			}
			ids[c.ID] = true
		}
		roundTrip(t, d)
	})
}

// clozeChapter is a chapter of our own with every note syntax: Anki
// cloze numbers (two deletions for one number, a hint), highlights,
// a hashcards block with an escaped bracket, and two-way cards.
const clozeChapter = `# Kubernetes notes

## Nodes

The {{c1::kubelet}} runs on every {{c2::node::where?}} and talks to the {{c1::API server}}.

A pod gets its IP address from the ==CNI plugin==, and its DNS name from ==CoreDNS==.

C: A [Service] of type [NodePort] opens a port on every node \[30000-32767].

Deployment:::Keeps a set of identical pods running.

What does a DaemonSet guarantee?
??
One pod on every node.
`

// Notes of several cards go into the deck file as one block, and come back
// card for card; the cards of a note share its first card's ID as Note.
func TestDeckFileNotes(t *testing.T) {
	d, _, err := Compile("k8s.md", []byte(clozeChapter), Options{})
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		kind          Kind
		front, back   string
		cloze         int
		reverse, note bool
	}
	wants := []want{
		{KindCloze, "The [...] runs on every node and talks to the [...].", "kubelet; API server\n\nThe **kubelet** runs on every node and talks to the **API server**.", 1, false, true},
		{KindCloze, "The kubelet runs on every [where?] and talks to the API server.", "node\n\nThe kubelet runs on every **node** and talks to the API server.", 2, false, true},
		{KindCloze, "A pod gets its IP address from the [...], and its DNS name from CoreDNS.", "CNI plugin\n\nA pod gets its IP address from the **CNI plugin**, and its DNS name from CoreDNS.", 1, false, true},
		{KindCloze, "A pod gets its IP address from the CNI plugin, and its DNS name from [...].", "CoreDNS\n\nA pod gets its IP address from the CNI plugin, and its DNS name from **CoreDNS**.", 2, false, true},
		{KindCloze, "A [...] of type NodePort opens a port on every node [30000-32767].", "Service\n\nA **Service** of type NodePort opens a port on every node [30000-32767].", 1, false, true},
		{KindCloze, "A Service of type [...] opens a port on every node [30000-32767].", "NodePort\n\nA Service of type **NodePort** opens a port on every node [30000-32767].", 2, false, true},
		{KindDefinition, "Deployment", "Keeps a set of identical pods running.", 0, false, true},
		{KindDefinition, "Keeps a set of identical pods running.", "Deployment", 0, true, true},
		{KindQA, "What does a DaemonSet guarantee?", "One pod on every node.", 0, false, true},
		{KindQA, "One pod on every node.", "What does a DaemonSet guarantee?", 0, true, true},
	}
	if len(d.Cards) != len(wants) {
		t.Fatalf("%d cards, want %d: %+v", len(d.Cards), len(wants), d.Cards)
	}
	for i, w := range wants {
		c := d.Cards[i]
		if c.Kind != w.kind || c.Front != w.front || c.Back != w.back || c.Cloze != w.cloze || c.Reverse != w.reverse || (c.Note != "") != w.note {
			t.Errorf("card %d = %+v\nwant %+v", i, c, w)
		}
	}
	for _, pair := range [][2]int{{0, 1}, {2, 3}, {4, 5}, {6, 7}, {8, 9}} {
		head, sib := d.Cards[pair[0]], d.Cards[pair[1]]
		if head.Note != head.ID || sib.Note != head.ID {
			t.Errorf("cards %d and %d: Note %q and %q, want the first's ID %s", pair[0], pair[1], head.Note, sib.Note, head.ID)
		}
	}
	if d.Cards[0].Text != "The {{c1::kubelet}} runs on every {{c2::node::where?}} and talks to the {{c1::API server}}." {
		t.Errorf("cloze text %q", d.Cards[0].Text)
	}
	if d.Cards[4].Text != "A {{c1::Service}} of type {{c2::NodePort}} opens a port on every node [30000-32767]." {
		t.Errorf("hashcards text %q", d.Cards[4].Text)
	}
	roundTrip(t, d)
	var buf bytes.Buffer
	Write(&buf, d)
	for _, want := range []string{"### cloze {#" + d.Cards[0].ID + "} {#" + d.Cards[1].ID + "}\nThe {{c1::kubelet}}", "### definition {#" + d.Cards[6].ID + "} {#" + d.Cards[7].ID + "}\nDeployment\n---\nKeeps"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("the deck file lacks %q:\n%s", want, buf.String())
		}
	}
}

// A cloze block read from a deck file edited by hand: a new deletion gets
// a card with a derived ID; too many IDs, a back, or no deletion are
// errors naming the line.
func TestDeckFileClozeEdits(t *testing.T) {
	d, err := Read(strings.NewReader(Magic + "\n# D\n\n### cloze {#abcdefghij}\nThe {{c1::kubelet}} runs on every {{c2::node}}.\n---\n"))
	if err != nil || len(d.Cards) != 2 || d.Cards[0].ID != "abcdefghij" || !ValidID(d.Cards[1].ID) || d.Cards[1].Note != "abcdefghij" {
		t.Fatalf("Read = %+v, %v", d, err)
	}
	for src, want := range map[string]string{
		"### cloze {#abcdefghij} {#bcdefghijk}\nNo deletion here.\n---\n": "4: cloze card abcdefghij has no deletion",
		"### cloze {#abcdefghij} {#bcdefghijk}\nOne {{c1::only}}.\n---\n": "4: 2 IDs for the 1 cloze cards",
		"### cloze {#abcdefghij}\nOne {{c1::only}}.\n---\nA back.\n":      "4: cloze card abcdefghij: its back is made from its text",
		"### qa {#abcdefghij} {#bcdefghijk} {#cdefghijkl}\nQ?\n---\nA.\n": "4: 3 IDs for card abcdefghij",
		"### qa {#abcdefghij} {#abcdefghij}\nQ?\n---\nA.\n":               "card ID abcdefghij repeats",
	} {
		_, err := Read(strings.NewReader(Magic + "\n# D\n\n" + src))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Read(%q) = %v, want %q", src, err, want)
		}
	}
}

// "reverse: yes" in a block, or in the file's header for every card, makes
// cards two-way by hand; the reversed card gets an ID of its own, and the
// file written again keeps them.
func TestDeckFileReverseLines(t *testing.T) {
	src := Magic + "\n# D\n\n### qa {#abcdefghij}\nreverse: yes\ntags: t\nWhat is a pod?\n---\nThe smallest unit.\n\n### qa {#bcdefghijk}\nWhat is a node?\n---\nA machine.\n"
	d, err := Read(strings.NewReader(src))
	if err != nil || len(d.Cards) != 3 {
		t.Fatalf("Read = %+v, %v", d, err)
	}
	if r := d.Cards[1]; !r.Reverse || r.Front != "The smallest unit." || r.Note != "abcdefghij" || !ValidID(r.ID) || !reflect.DeepEqual(r.Tags, []string{"t"}) {
		t.Errorf("reversed card %+v", r)
	}
	roundTrip(t, d)
	all, err := Read(strings.NewReader(strings.Replace(src, "# D\n", "# D\nreverse: yes\n", 1)))
	if err != nil || len(all.Cards) != 4 || !all.Reverse || !all.Cards[3].Reverse {
		t.Fatalf("deck-wide reverse: %+v, %v", all, err)
	}
	roundTrip(t, all)
}

// WriteJSON writes what encoding/json writes of the whole deck, byte for
// byte, for decks with and without cards, notes and markup.
func TestWriteJSON(t *testing.T) {
	path, src := Builtin()
	builtin, _, _ := Compile(path, src, Options{})
	notes, _, _ := Compile("k8s.md", []byte(clozeChapter), Options{})
	for _, d := range []*Deck{builtin, notes, {Name: "Empty <&>", Reverse: true}} {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(d); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := WriteJSON(&got, d); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("WriteJSON(%s) =\n%s\nwant\n%s", d.Name, got.String(), want.String())
		}
	}
}

// TestCardHeadingAsItsExpression checks the card heading reader against
// the regular expression that states the syntax, on written headings and
// on strings put together at random from the syntax's pieces.
func TestCardHeadingAsItsExpression(t *testing.T) {
	re := regexp.MustCompile(`^### ([a-z]+)((?: \{#[^}]*\})+)\s*$`)
	id := regexp.MustCompile(`\{#([^}]*)\}`)
	inputs := []string{"### qa {#abc}", "### cloze {#a} {#b}  ", "### qa {#}", "### qa{#a}", "### QA {#a}",
		"### qa {#a", "### qa {#a} x", "### qa {#a}\t", "### {#a}", "### qa", "### qa  {#a}", "### qa {#a}{#b}", "## qa {#a}"}
	pick := func(rnd *rand.Rand, from ...string) string { return from[rnd.IntN(len(from))] }
	rnd := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		s := pick(rnd, "### ", "### ", "###", "#### ") + pick(rnd, "qa", "cloze", "", "Qa", "q1")
		for range rnd.IntN(4) {
			s += pick(rnd, " {#", " {#", "{#", "  {#") + pick(rnd, "ab1", "", "a b", "{", "#", "\n") + pick(rnd, "}", "}", "", "}}")
		}
		inputs = append(inputs, s+pick(rnd, "", "", " ", "\t \r", " x", "}", "\n"))
	}
	matched := 0
	for _, in := range inputs {
		kind, ids, ok := cardHeading(in)
		m := re.FindStringSubmatch(in)
		if ok != (m != nil) {
			t.Fatalf("cardHeading(%q): ok %v, the expression %v", in, ok, m != nil)
		}
		if !ok {
			continue
		}
		matched++
		var want []string
		for _, im := range id.FindAllStringSubmatch(m[2], -1) {
			want = append(want, im[1])
		}
		if kind != m[1] || !slices.Equal(ids, want) {
			t.Fatalf("cardHeading(%q) = %q %q, want %q %q", in, kind, ids, m[1], want)
		}
	}
	if matched < 100 {
		t.Errorf("only %d headings matched: the test checks little", matched)
	}
}
