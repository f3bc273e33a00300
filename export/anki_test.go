package export

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"spaced/deck"
	"spaced/internal/testenv"
)

func init() {
	// The package's golden files are rewritten with go test ./export -update;
	// the flag is defined once, whichever test file runs first.
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

// ankiUpdate reports whether -update was given.
func ankiUpdate() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

const ankiHeader = "#separator:Comma\n#html:true\n#notetype:Basic\n#guid column:1\n#deck column:2\n#tags column:5\n#if matches:update current\n"

// The header of the test files below, as AnkiCSV writes it.
const ankiVectorHeader = "#separator:Comma\n#html:true\n#guid column:1\n#deck column:2\n#tags column:5\n"

func TestReadAnkiVectors(t *testing.T) {
	// Known cases of Anki's importer: file body after #separator:Comma and
	// #html:true → the notes Anki imports.
	tests := []struct {
		body string
		cols bool // the file names the guid, deck and tags columns
		want []ankiNote
	}{
		{"g1,D,front,back,\n", true, []ankiNote{{GUID: "g1", Deck: "D", Fields: []string{"front", "back"}, Tags: []string{}}}},
		{"g1,D,\"#1 rule\",back,\n", true, []ankiNote{{GUID: "g1", Deck: "D", Fields: []string{"#1 rule", "back"}, Tags: []string{}}}},
		{"#1 rule,back\n", false, nil},
		{"g1,D,\"She said \"\"hi\"\"\",b,\n", true, []ankiNote{{GUID: "g1", Deck: "D", Fields: []string{`She said "hi"`, "b"}, Tags: []string{}}}},
		{"g1,D,\"l1<br>l2\",b,\n", true, []ankiNote{{GUID: "g1", Deck: "D", Fields: []string{"l1<br>l2", "b"}, Tags: []string{}}}},
		{"g1,D,a &lt; b,b,\n", true, []ankiNote{{GUID: "g1", Deck: "D", Fields: []string{"a &lt; b", "b"}, Tags: []string{}}}},
		{"g1,D,,back,\n", true, nil},
		{"g1,D,\"a,b\",c,x y\n", true, []ankiNote{{GUID: "g1", Deck: "D", Fields: []string{"a,b", "c"}, Tags: []string{"x", "y"}}}},
	}
	for _, tt := range tests {
		src := "#separator:Comma\n#html:true\n"
		if tt.cols {
			src = ankiVectorHeader
		}
		src += tt.body
		f, err := readAnki(src, 2)
		if err != nil {
			t.Fatalf("readAnki(%q): %v", src, err)
		}
		if !reflect.DeepEqual(f.Notes, tt.want) {
			t.Errorf("readAnki(%q).Notes = %#v, want %#v", tt.body, f.Notes, tt.want)
		}
	}
}

func TestReadAnkiRules(t *testing.T) {
	type note = ankiNote
	tests := []struct {
		name string
		src  string
		want []note
		html bool
	}{
		{"a record starting with # anywhere is a comment",
			ankiVectorHeader + "g1,D,a,b,\n#g2,D,c,d,\ng3,D,e,f,\n",
			[]note{{GUID: "g1", Deck: "D", Fields: []string{"a", "b"}, Tags: []string{}}, {GUID: "g3", Deck: "D", Fields: []string{"e", "f"}, Tags: []string{}}}, true},
		{"a first field that starts with # is a comment when unquoted",
			"#separator:Comma\n#html:true\n#1 rule,back\n\"#2 rule\",back\n",
			[]note{{Fields: []string{"#2 rule", "back"}}}, true},
		{"# later in the row and after a line break inside quotes is text",
			ankiVectorHeader + "g1,D,a#b,\"x\n#y\",\n",
			[]note{{GUID: "g1", Deck: "D", Fields: []string{"a#b", "x\n#y"}, Tags: []string{}}}, true},
		{"a header line after data is a comment",
			"#separator:Comma\n#html:true\na,b\n#separator:Semicolon\nc;d,e\n",
			[]note{{Fields: []string{"a", "b"}}, {Fields: []string{"c;d", "e"}}}, true},
		{"a blank line ends the header block",
			"#separator:Semicolon\n\n#html:false\na;<b>\n",
			[]note{{Fields: []string{"a", "<b>"}}}, true},
		{"html: true with a space is ignored and the first rows decide",
			"#separator:Comma\n#html: true\nx,1 < 2 and 3 > 2\n",
			[]note{{Fields: []string{"x", "1 < 2 and 3 > 2"}}}, true},
		{"html:false escapes the field",
			"#separator:Comma\n#html:false\nx,\"a & <b> \"\"q\"\" 'x'\nnext\"\n",
			[]note{{Fields: []string{"x", "a &amp; &lt;b&gt; &quot;q&quot; &#x27;x&#x27;<br>next"}}}, false},
		{"no backslash escapes",
			"#separator:Comma\n#html:true\na\\,b,c\n",
			[]note{{Fields: []string{`a\`, "b"}, Tags: []string{"c"}}}, true},
		{"records end at LF, CRLF and a lone CR; blank lines are skipped",
			"#separator:Comma\r\n#html:true\r\na,b\r\nc,d\re,f\n\n\r\ng,h",
			[]note{{Fields: []string{"a", "b"}}, {Fields: []string{"c", "d"}}, {Fields: []string{"e", "f"}}, {Fields: []string{"g", "h"}}}, true},
		{"ragged rows: the first record sets the columns",
			ankiVectorHeader + "g1,D,a,b,t\ng2,D,c\ng3,D,e,f,u,extra\n",
			[]note{{GUID: "g1", Deck: "D", Fields: []string{"a", "b"}, Tags: []string{"t"}}, {GUID: "g2", Deck: "D", Fields: []string{"c", ""}, Tags: []string{}}, {GUID: "g3", Deck: "D", Fields: []string{"e", "f"}, Tags: []string{"u"}}}, true},
		{"without a tags column the column after the fields is tags",
			"#separator:Comma\n#html:true\na,b,x y\n",
			[]note{{Fields: []string{"a", "b"}, Tags: []string{"x", "y"}}}, true},
		{"without a separator line prose with Q: reads as colon-separated",
			"#html:true\nQ: what is it, then\n",
			[]note{{Fields: []string{"Q", " what is it, then"}}}, true},
		{"separator names in any case, or the character",
			"#separator:PIPE\n#html:true\na|b,c\n",
			[]note{{Fields: []string{"a", "b,c"}}}, true},
		{"control characters are removed and text is NFC",
			"#separator:Tab\n#html:true\na\x01b\tCafe\u0301\x7f\tc\n",
			[]note{{Fields: []string{"ab", "Café"}, Tags: []string{"c"}}}, true},
		{"an empty first field skips the record, a blank one does not",
			"#separator:Comma\n#html:true\n,b\n \t,c\n",
			[]note{{Fields: []string{" \t", "c"}}}, true},
		{"text after a closing quote belongs to the field",
			"#separator:Comma\n#html:true\n\"a\"b,c\n",
			[]note{{Fields: []string{"ab", "c"}}}, true},
		{"the notetype and deck headers take the raw value",
			"#separator:Comma\n#html:true\n#notetype: Basic\n#deck:My deck\na,b\n",
			[]note{{Notetype: " Basic", Deck: "My deck", Fields: []string{"a", "b"}}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := readAnki(tt.src, 2)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(f.Notes, tt.want) {
				t.Errorf("readAnki(%q).Notes =\n%#v\nwant\n%#v", tt.src, f.Notes, tt.want)
			}
			if f.HTML != tt.html {
				t.Errorf("readAnki(%q).HTML = %v, want %v", tt.src, f.HTML, tt.html)
			}
		})
	}
	// Anki 2.1.55 to 2.1.57 keep a byte-order mark: the first line no longer
	// starts with "#", so there is no header block and the guessed separator
	// is the colon of "#separator:".
	if f, err := readAnki("\uFEFF#separator:Comma\n#html:true\ng1,D,a,b,\n", 2); err != nil || f.Headers != 0 || f.Separator != ':' || len(f.Notes) != 2 || f.Notes[0].Fields[0] != "\uFEFF#separator" {
		t.Errorf("readAnki(BOM + header) = %+v, %v; want no header block, colon-separated", f, err)
	}
	if _, err := readAnki("#separator:Comma\na,\xff\n", 2); err == nil {
		t.Error("readAnki(invalid UTF-8) succeeded, want an error")
	}
	f, err := readAnki(ankiHeader+"g,D,a,b,\n", 2)
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprintf("%d %q %v %q %d %d %d %q", f.Headers, f.Separator, f.HTML, f.Notetype, f.GUIDColumn, f.DeckColumn, f.TagsColumn, f.IfMatches)
	if want := `7 ',' true "Basic" 1 2 5 "update current"`; got != want {
		t.Errorf("readAnki(header) = %s, want %s", got, want)
	}
}

func TestAnkiHTML(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"a < b > c", "a &lt; b &gt; c"},
		{"Tom & Jerry &amp; co", "Tom &amp; Jerry &amp;amp; co"},
		{"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"<b>not bold</b>", "&lt;b&gt;not bold&lt;/b&gt;"},
		{`"quotes" and 'apostrophes'`, `"quotes" and 'apostrophes'`},
		{"line 1\nline 2\r\nline 3\rline 4", "line 1<br>line 2<br>line 3<br>line 4"},
		{"**strong** and *em* and `code`", "<b>strong</b> and <i>em</i> and <code>code</code>"},
		{"**bold *and em* inside**", "<b>bold <i>and em</i> inside</b>"},
		{"*em **and bold** inside*", "<i>em <b>and bold</b> inside</i>"},
		{"***both*** or ***both** then em*", "<b><i>both</i></b> or <b><i>both</i></b><i> then em</i>"},
		{"*a **b* c**", "<i>a <b>b</b></i><b> c</b>"},
		{"**a *b** c*", "<b>a <i>b</i></b><i> c</i>"},
		{"*em `code` em*", "<i>em <code>code</code> em</i>"},
		{"`a < b && *c*`", "<code>a &lt; b &amp;&amp; *c*</code>"},
		{"**`code` in bold**", "<b><code>code</code> in bold</b>"},
		{"`spans\nlines`", "<code>spans<br>lines</code>"},
		{"*spans\nlines*", "<i>spans<br>lines</i>"},
		{"a * b * c", "a * b * c"},
		{"2 ** 10", "2 ** 10"},
		{"*not closed", "*not closed"},
		{"**not closed", "**not closed"},
		{"not opened*", "not opened*"},
		{"**", "**"},
		{"****", "****"},
		{"* *", "* *"},
		{"``", "``"},
		{"one ` tick", "one ` tick"},
		{`\*literal\* and \` + "`tick\\`", "*literal* and `tick`"},
		{`back\slash \n`, `back\slash \n`},
		{"s3://bucket/* and arn:aws:s3:::b/*", "s3://bucket/* and arn:aws:s3:::b/*"},
		{"2*3*4", "2<i>3</i>4"},
		{"*Highly recommended.*", "<i>Highly recommended.</i>"},
		{"tab\there, bell\x07, nul\x00, del\x7f", "tab\there, bell, nul, del"},
		{"*\x01*", ""},
		{"Café Ω 日本語 🚀", "Café Ω 日本語 🚀"},
		{"`\u0338x` a\u0338 \n\u0338", "<code>&#x338;x</code> a\u0338 <br>&#x338;"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := AnkiHTML(tt.in); got != tt.want {
			t.Errorf("AnkiHTML(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSectionTag(t *testing.T) {
	tests := []struct{ in, want string }{
		{"The Serverless Cloud Engineer Roadmap", "section::the-serverless-cloud-engineer-roadmap"},
		{"Part 1: Core Architectural Interview Questions", "section::part-1-core-architectural-interview-questions"},
		{"Cloud Certifications (AWS Focus)", "section::cloud-certifications-aws-focus"},
		{"  Résumé — Tips & Tricks!  ", "section::résumé-tips-tricks"},
		{"日本語 セクション", "section::日本語-セクション"},
		{"A::B", "section::a-b"},
		{"", ""},
		{"— ? —", ""},
	}
	for _, tt := range tests {
		if got := SectionTag(tt.in); got != tt.want {
			t.Errorf("SectionTag(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAnkiCSVHeader(t *testing.T) {
	cards := []Card{{Card: deck.Card{ID: "0000000001", Kind: deck.KindQA, Front: "f", Back: "b"}, Deck: "D"}}
	tests := []struct {
		opt      AnkiOptions
		notetype string
	}{
		{AnkiOptions{}, "Basic"},
		{AnkiOptions{Reverse: true}, "Basic (and reversed card)"},
		{AnkiOptions{Notetype: "Einfach"}, "Einfach"},
		{AnkiOptions{Notetype: "Einfach (mit umgekehrter Karte)", Reverse: true}, "Einfach (mit umgekehrter Karte)"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := AnkiCSV(&b, cards, tt.opt); err != nil {
			t.Fatal(err)
		}
		want := strings.Replace(ankiHeader, "Basic", tt.notetype, 1) + "0000000001,D,f,b,\n"
		if got := b.String(); got != want {
			t.Errorf("AnkiCSV(%+v) =\n%s\nwant\n%s", tt.opt, got, want)
		}
	}
}

// ankiTrickyCards returns cards whose text tests the quoting, escaping and
// rendering of the file, with the fields Anki should store for each.
func ankiTrickyCards() (cards []Card, fronts, backs []string) {
	add := func(front, back, wantFront, wantBack string) {
		id := fmt.Sprintf("tr1cky%04d", len(cards))
		cards = append(cards, Card{Card: deck.Card{ID: id, Kind: deck.KindQA, Front: front, Back: back, Section: "Tricky Cards", Line: len(cards) + 1}, Deck: "Tests::Tricky"})
		fronts, backs = append(fronts, wantFront), append(backs, wantBack)
	}
	add("#1 rule of Lambda", "Keep handlers small, stateless, and fast.",
		"#1 rule of Lambda", "Keep handlers small, stateless, and fast.")
	add("# starts like a header: #html:false", "#separator:Tab",
		"# starts like a header: #html:false", "#separator:Tab")
	add("Commas, commas, commas", "a,b,,c,", "Commas, commas, commas", "a,b,,c,")
	add(`"Quoted" front with "quotes"`, `She said ""hi"" and "bye"`,
		`"Quoted" front with "quotes"`, `She said ""hi"" and "bye"`)
	add("Multi-line back", "Three steps:\n1. Build\n2. Test\n#3. Deploy, then \"verify\"\n",
		"Multi-line back", "Three steps:<br>1. Build<br>2. Test<br>#3. Deploy, then \"verify\"<br>")
	add("CRLF back", "one\r\ntwo\rthree", "CRLF back", "one<br>two<br>three")
	add("Why does <b>bold</b> show as text?", "Because & and &amp; are escaped: <i>x</i>",
		"Why does &lt;b&gt;bold&lt;/b&gt; show as text?", "Because &amp; and &amp;amp; are escaped: &lt;i&gt;x&lt;/i&gt;")
	add("a < b > c", "<script>alert('x')</script>",
		"a &lt; b &gt; c", "&lt;script&gt;alert('x')&lt;/script&gt;")
	add("Unicode: é, Ω, 日本語, 🚀", "Cafe\u0301 is NFC in Anki; ✓ U+2713",
		"Unicode: é, Ω, 日本語, 🚀", "Café is NFC in Anki; ✓ U+2713")
	add("**Provisioned Concurrency** keeps *warm* instances", "Run `aws lambda put-provisioned-concurrency-config --qualifier 1`.",
		"<b>Provisioned Concurrency</b> keeps <i>warm</i> instances", "Run <code>aws lambda put-provisioned-concurrency-config --qualifier 1</code>.")
	add("Control characters", "tab\there, bell\x07 gone", "Control characters", "tab\there, bell gone")
	add(" Leading and trailing space ", "  ", " Leading and trailing space ", "  ")
	long := strings.Repeat("A very long back, with commas and \"quotes\" & <angles>.\n", 4000)
	add("A very long back", long, "A very long back",
		strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\n", "<br>").Replace(long))
	return cards, fronts, backs
}

func TestAnkiCSVTricky(t *testing.T) {
	cards, fronts, backs := ankiTrickyCards()
	var b bytes.Buffer
	if err := AnkiCSV(&b, cards, AnkiOptions{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	f, err := readAnki(out, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Notes) != len(cards) {
		t.Fatalf("Anki reads %d notes, want %d", len(f.Notes), len(cards))
	}
	for i, n := range f.Notes {
		if n.GUID != cards[i].ID || n.Fields[0] != fronts[i] || n.Fields[1] != backs[i] {
			t.Errorf("note %d = %q %q %.80q, want %q %q %.80q", i, n.GUID, n.Fields[0], n.Fields[1], cards[i].ID, fronts[i], backs[i])
		}
	}
	// The rows as written: fields with #, commas, quotes or line breaks
	// quoted, quotes doubled, nothing else quoted.
	lines := strings.Split(out, "\n")
	for _, want := range []string{
		`tr1cky0000,Tests::Tricky,"#1 rule of Lambda","Keep handlers small, stateless, and fast.",section::tricky-cards`,
		`tr1cky0001,Tests::Tricky,"# starts like a header: #html:false","#separator:Tab",section::tricky-cards`,
		`tr1cky0003,Tests::Tricky,"""Quoted"" front with ""quotes""","She said """"hi"""" and ""bye""",section::tricky-cards`,
		`tr1cky0007,Tests::Tricky,a &lt; b &gt; c,&lt;script&gt;alert('x')&lt;/script&gt;,section::tricky-cards`,
		"tr1cky0011,Tests::Tricky, Leading and trailing space ,  ,section::tricky-cards",
	} {
		found := false
		for _, l := range lines {
			if l == want {
				found = true
			}
		}
		if !found {
			t.Errorf("no row %s", want)
		}
	}
}

func TestAnkiCSVTags(t *testing.T) {
	cards := []Card{
		{Card: deck.Card{ID: "0000000001", Front: "f", Back: "b", Section: "Roadmap", Tags: []string{"roadmap", "aws::lambda"}}, Deck: "D"},
		{Card: deck.Card{ID: "0000000002", Front: "f", Back: "b", Section: "Roadmap", Tags: []string{"Leech", "section::roadmap"}}, Deck: "D", Leech: true},
		{Card: deck.Card{ID: "0000000003", Front: "f", Back: "b"}, Deck: "D", Leech: true},
		{Card: deck.Card{ID: "0000000004", Front: "f", Back: "b", Section: "#1 Tips, tricks"}, Deck: "D"},
		{Card: deck.Card{ID: "0000000005", Front: "f", Back: "b"}, Deck: "D"},
	}
	want := [][]string{
		{"roadmap", "aws::lambda", "section::roadmap"},
		{"Leech", "section::roadmap"},
		{"leech"},
		{"section::1-tips-tricks"},
		{},
	}
	var b bytes.Buffer
	if err := AnkiCSV(&b, cards, AnkiOptions{}); err != nil {
		t.Fatal(err)
	}
	f, err := readAnki(b.String(), 2)
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range f.Notes {
		if !reflect.DeepEqual(n.Tags, want[i]) {
			t.Errorf("card %d: tags %q, want %q", i+1, n.Tags, want[i])
		}
	}
}

func TestAnkiCSVDeckColumn(t *testing.T) {
	cards := []Card{
		{Card: deck.Card{ID: "0000000001", Front: "f", Back: "b"}, Deck: "Serverless Architecture::Chapter 20"},
		{Card: deck.Card{ID: "0000000002", Front: "f", Back: "b"}, Deck: "AWS, the #1 cloud::Q&A <basics> {{Tags}}"},
	}
	// Anki shows a deck name as plain text and puts it into templates
	// unescaped: it loses "<", ">", "{", "}", "[", "]" and "\\" and keeps
	// the rest as it is.
	plain := strings.NewReplacer("<", "", ">", "", "{", "", "}", "", "[", "", "]", "", "\\", "")
	for _, opt := range []AnkiOptions{{}, {Deck: "Mine::Imported, #2"}} {
		var b bytes.Buffer
		if err := AnkiCSV(&b, cards, opt); err != nil {
			t.Fatal(err)
		}
		f, err := readAnki(b.String(), 2)
		if err != nil {
			t.Fatal(err)
		}
		for i, n := range f.Notes {
			want := plain.Replace(cards[i].Deck)
			if opt.Deck != "" {
				want = opt.Deck
			}
			if n.Deck != want {
				t.Errorf("AnkiCSV(%+v): note %d deck %q, want %q (the raw name: Anki does not unescape it)", opt, i, n.Deck, want)
			}
		}
	}
}

func TestAnkiCSVErrors(t *testing.T) {
	good := Card{Card: deck.Card{ID: "0000000001", Kind: deck.KindQA, Front: "f", Back: "b"}, Deck: "D"}
	with := func(edit func(c *Card)) []Card {
		c := good
		edit(&c)
		return []Card{good, c}
	}
	tests := []struct {
		name  string
		cards []Card
		opt   AnkiOptions
		want  string
	}{
		{"empty front", with(func(c *Card) { c.ID, c.Front = "0000000002", "" }), AnkiOptions{}, "card 0000000002: empty front"},
		{"blank front", with(func(c *Card) { c.ID, c.Front = "0000000002", " \n\t\x01" }), AnkiOptions{}, "card 0000000002: empty front"},
		{"front of markers", with(func(c *Card) { c.ID, c.Front = "0000000002", "*\x01*" }), AnkiOptions{}, "card 0000000002: empty front"},
		{"front of a control character in code", with(func(c *Card) { c.ID, c.Front = "0000000002", "`\x15`" }), AnkiOptions{}, "card 0000000002: empty front"},
		{"malformed ID", with(func(c *Card) { c.ID = "ABC" }), AnkiOptions{}, `card "ABC": malformed ID`},
		{"empty ID", with(func(c *Card) { c.ID = "" }), AnkiOptions{}, `card "": malformed ID`},
		{"repeated ID", with(func(c *Card) {}), AnkiOptions{}, "card 0000000001: ID repeats card 1"},
		{"invalid UTF-8", with(func(c *Card) { c.ID, c.Back = "0000000002", "a\xffb" }), AnkiOptions{}, "back is not valid UTF-8"},
		{"tag with a space", with(func(c *Card) { c.ID, c.Tags = "0000000002", []string{"a b"} }), AnkiOptions{}, `tag "a b"`},
		{"empty deck", with(func(c *Card) { c.ID, c.Deck = "0000000002", "" }), AnkiOptions{}, "name is empty"},
		{"deck with a line break", with(func(c *Card) { c.ID, c.Deck = "0000000002", "a\nb" }), AnkiOptions{}, "line break"},
		{"numeric deck", []Card{good}, AnkiOptions{Deck: "2024"}, "deck ID"},
		{"deck with spaces around", []Card{good}, AnkiOptions{Deck: " D"}, "white space"},
		{"notetype with spaces around", []Card{good}, AnkiOptions{Notetype: "Basic "}, "white space"},
		{"notetype with a line break", []Card{good}, AnkiOptions{Notetype: "Basic\n#html:false"}, "line break"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		err := AnkiCSV(&b, tt.cards, tt.opt)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: AnkiCSV = %v, want an error with %q", tt.name, err, tt.want)
		}
		if b.Len() > 0 {
			t.Errorf("%s: AnkiCSV wrote %d bytes before failing", tt.name, b.Len())
		}
	}
	// A deck the options replace need not be usable itself.
	c := good
	c.Deck = ""
	if err := AnkiCSV(io.Discard, []Card{c}, AnkiOptions{Deck: "Mine"}); err != nil {
		t.Errorf("AnkiCSV(card without deck, --anki-deck Mine) = %v, want nil", err)
	}
}

// ankiErrWriter fails every write after the first n bytes.
type ankiErrWriter struct{ n int }

func (w *ankiErrWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, errors.New("disk full")
	}
	w.n -= len(p)
	return len(p), nil
}

func TestAnkiCSVWriteError(t *testing.T) {
	cards := ankiBenchCards(20000)
	if err := AnkiCSV(&ankiErrWriter{n: 100 << 10}, cards, AnkiOptions{}); err == nil || err.Error() != "disk full" {
		t.Errorf("AnkiCSV(failing writer) = %v, want disk full", err)
	}
}

// ankiCountWriter records the writes it is given.
type ankiCountWriter struct{ writes, total, largest int }

func (w *ankiCountWriter) Write(p []byte) (int, error) {
	w.writes++
	w.total += len(p)
	w.largest = max(w.largest, len(p))
	return len(p), nil
}

func TestAnkiCSVStreams(t *testing.T) {
	// Rows go out through a fixed buffer: many writes of at most 64 KiB,
	// not the whole file at once.
	var w ankiCountWriter
	if err := AnkiCSV(&w, ankiBenchCards(20000), AnkiOptions{}); err != nil {
		t.Fatal(err)
	}
	if w.largest > 64<<10 || w.writes < w.total/(64<<10) {
		t.Errorf("AnkiCSV wrote %d bytes in %d writes, the largest %d bytes; want writes of at most 64 KiB", w.total, w.writes, w.largest)
	}
}

func TestAnkiCSVAllocs(t *testing.T) {
	// Rows reuse the writer's buffers: the number of allocations does not
	// grow with the number of cards (one section, so one section tag).
	allocs := func(n int) float64 {
		cards := ankiBenchCards(n)
		for i := range cards {
			cards[i].Section = "Core Questions"
		}
		return testing.AllocsPerRun(3, func() {
			if err := AnkiCSV(io.Discard, cards, AnkiOptions{}); err != nil {
				t.Fatal(err)
			}
		})
	}
	if small, large := allocs(100), allocs(10000); large > small {
		t.Errorf("AnkiCSV allocates %v times for 100 cards, %v for 10000", small, large)
	}
}

// checkAnkiRoundTrip exports cards, reads the file back as Anki would and checks
// that it holds the same notes, in order: the GUIDs, decks and tags, and the
// fields as AnkiHTML renders the cards' text.
func checkAnkiRoundTrip(t *testing.T, cards []Card, opt AnkiOptions) string {
	t.Helper()
	var b bytes.Buffer
	if err := AnkiCSV(&b, cards, opt); err != nil {
		t.Fatalf("AnkiCSV: %v", err)
	}
	out := b.String()
	// The rows Anki should read: a row per card, or with notes of several
	// cards a row per note and a notetype column.
	type row struct {
		card     Card
		notetype string
	}
	var rows []row
	header := strings.Replace(ankiHeader, "Basic", opt.notetype(), 1)
	layout := `7 true true 1 2 5 5 "update current" 0`
	if hasNotes(cards) {
		header = "#separator:Comma\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n#if matches:update current\n"
		layout = `7 true true 1 3 6 6 "update current" 0`
		for _, n := range noteRows(cards) {
			nt := opt.notetype()
			switch {
			case n.card.Kind == deck.KindCloze:
				nt = AnkiCloze
			case n.twoWay && opt.Notetype == "":
				nt = AnkiBasicReversed
			}
			rows = append(rows, row{n.card, nt})
		}
	} else {
		for _, c := range cards {
			rows = append(rows, row{c, opt.notetype()})
		}
	}
	switch {
	case !strings.HasPrefix(out, header):
		t.Fatalf("the file starts %.200q, want the header block %q", out, header)
	case strings.HasPrefix(out, "\uFEFF"):
		t.Error("the file starts with a byte-order mark")
	case strings.Contains(out, "\r"):
		t.Error("the file has a carriage return")
	case !strings.HasSuffix(out, "\n"):
		t.Error("the file does not end with a line break")
	}
	if got, want := strings.Count(out, "\n"), 7+len(rows); got != want {
		t.Errorf("the file has %d lines, want %d: the header and one line per note", got, want)
	}
	f, err := readAnki(out, 2)
	if err != nil {
		t.Fatalf("reading the export: %v", err)
	}
	if got := fmt.Sprintf("%d %v %v %d %d %d %d %q %d", f.Headers, f.HTMLSet, f.HTML, f.GUIDColumn, f.DeckColumn, f.TagsColumn, f.Columns, f.IfMatches, f.EmptyFirst); got != layout {
		t.Errorf("Anki reads headers, html, columns, if matches, empty first fields = %s, want %s", got, layout)
	}
	if len(f.Notes) != len(rows) {
		t.Fatalf("Anki reads %d notes, want %d", len(f.Notes), len(rows))
	}
	for i, n := range f.Notes {
		c := &rows[i].card
		wantDeck := c.Deck
		if opt.Deck != "" {
			wantDeck = opt.Deck
		}
		if n.GUID != c.ID || n.Deck != wantDeck || n.Notetype != rows[i].notetype {
			t.Errorf("note %d: GUID %q deck %q notetype %q, want %q %q %q", i, n.GUID, n.Deck, n.Notetype, c.ID, wantDeck, rows[i].notetype)
		}
		for j, text := range []string{c.Front, c.Back} {
			if want := norm.NFC.String(AnkiHTML(text)); n.Fields[j] != want {
				t.Errorf("note %s field %d = %.100q, want %.100q", c.ID, j+1, n.Fields[j], want)
			}
			checkAnkiFieldHTML(t, c.ID, n.Fields[j], text)
		}
		wantTags := append([]string{}, c.Tags...)
		if s := SectionTag(c.Section); s != "" {
			wantTags = append(wantTags, s)
		}
		if c.Leech {
			wantTags = append(wantTags, "leech")
		}
		if !reflect.DeepEqual(n.Tags, wantTags) {
			t.Errorf("note %s tags %q, want %q", c.ID, n.Tags, wantTags)
		}
	}
	return out
}

var ankiAnyTag = regexp.MustCompile(`<[^>]*>`)

var ankiTagOrEntity = regexp.MustCompile(`<[^>]*>|&[a-z]+;|&#x[0-9a-f]+;|&#[0-9]+;`)

// checkAnkiFieldHTML checks a field on its own terms, without the renderer: its
// HTML has only well-nested <b>, <i>, <code> and <br> tags, the empty
// <span></span> that breaks a MathJax delimiter, and the entities &amp;
// &lt; &gt; &#91; &#123;, and its text is the card's text less some Markdown
// markers (* ` \) and control characters.
func checkAnkiFieldHTML(t *testing.T, id, field, src string) {
	t.Helper()
	var stack []string
	var text strings.Builder
	last := 0
	for _, m := range ankiTagOrEntity.FindAllStringIndex(field, -1) {
		text.WriteString(field[last:m[0]])
		last = m[1]
		tok := field[m[0]:m[1]]
		switch tok {
		case "<b>", "<i>", "<code>":
			stack = append(stack, tok[1:len(tok)-1])
		case "</b>", "</i>", "</code>":
			if len(stack) == 0 || stack[len(stack)-1] != tok[2:len(tok)-1] {
				t.Errorf("card %s: %s closes nothing open in %.200q", id, tok, field)
				return
			}
			stack = stack[:len(stack)-1]
		case "<br>":
			text.WriteByte('\n')
		case "<span>", "</span>":
			if tok == "<span>" && !strings.HasPrefix(field[m[1]:], "</span>") {
				t.Errorf("card %s: a <span> that is not empty in %.200q", id, field)
				return
			}
		case "&#91;":
			text.WriteByte('[')
		case "&#123;":
			text.WriteByte('{')
		case "&amp;":
			text.WriteByte('&')
		case "&lt;":
			text.WriteByte('<')
		case "&gt;":
			text.WriteByte('>')
		default:
			if r, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(tok, "&#x"), ";"), 16, 32); err == nil && strings.HasPrefix(tok, "&#x") && unicode.IsMark(rune(r)) && m[0] > 0 && field[m[0]-1] == '>' {
				text.WriteRune(rune(r))
				continue
			}
			t.Errorf("card %s: %s in %.200q", id, tok, field)
			return
		}
	}
	text.WriteString(field[last:])
	if len(stack) > 0 {
		t.Errorf("card %s: %v left open in %.200q", id, stack, field)
	}
	plain := text.String()
	if strings.ContainsAny(ankiTagOrEntity.ReplaceAllString(field, ""), "<>&") {
		t.Errorf("card %s: a bare <, > or & in %.200q", id, field)
	}
	// Compare the texts without their combining marks, which Unicode
	// normalization may reorder once a marker or control character between
	// them is gone, and the marks as a multiset.
	src = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(src)
	plainBase, plainMarks := ankiSplitMarks(plain)
	srcBase, srcMarks := ankiSplitMarks(src)
	if !reflect.DeepEqual(plainMarks, srcMarks) {
		t.Errorf("card %s: the field's text %.200q has other combining marks than the card's %.200q", id, plain, src)
	}
	i := 0
	for j := 0; j < len(srcBase); j++ {
		c := srcBase[j]
		switch {
		case i < len(plainBase) && plainBase[i] == c:
			i++
		case c == '*' || c == '`' || c == '\\' || c < 0x20 && c != '\n' && c != '\t' || c == 0x7f:
		default:
			t.Errorf("card %s: the field's text %.200q is not the card's %.200q less markers", id, plain, src)
			return
		}
	}
	if i != len(plainBase) {
		t.Errorf("card %s: the field's text %.200q has more than the card's %.200q", id, plain, src)
	}
}

// ankiSplitMarks decomposes s (NFD) and returns it without its combining marks,
// and how many times each mark appears.
func ankiSplitMarks(s string) (string, map[rune]int) {
	var b strings.Builder
	marks := map[rune]int{}
	for _, r := range norm.NFD.String(s) {
		if unicode.IsMark(r) {
			marks[r]++
			continue
		}
		b.WriteRune(r)
	}
	return b.String(), marks
}

func TestAnkiCSVRoundTripTricky(t *testing.T) {
	cards, _, _ := ankiTrickyCards()
	cards[2].Leech = true
	cards[3].Tags = []string{"quotes", "aws::lambda"}
	for _, opt := range []AnkiOptions{{}, {Reverse: true}, {Deck: "Imported::Tricky", Notetype: "Basic-7c3a1"}} {
		checkAnkiRoundTrip(t, cards, opt)
	}
}

// ankiCards returns the cards of d as an exporter gets them.
func ankiCards(d *deck.Deck) []Card {
	cards := make([]Card, len(d.Cards))
	for i := range d.Cards {
		cards[i] = Card{Card: d.Cards[i], Deck: d.Name}
	}
	return cards
}

// ankiBuiltin compiles the built-in chapter.
func ankiBuiltin(t testing.TB) *deck.Deck {
	t.Helper()
	path, src := deck.Builtin()
	d, _, err := deck.Compile(path, src, deck.Options{})
	if err != nil {
		t.Fatalf("compiling the built-in chapter: %v", err)
	}
	return d
}

// ankiChapters returns the paths of the chapters in ../shared/chapters. It
// skips the test when ../shared is missing, unless CI is set.
func ankiChapters(t testing.TB) []string {
	t.Helper()
	chapters := filepath.Join(testenv.Shared(t), "chapters")
	var paths []string
	for _, ext := range []string{"*.txt", "*.md", "*.html"} {
		m, _ := filepath.Glob(filepath.Join(chapters, ext))
		for _, p := range m {
			if filepath.Base(p) != "README.md" {
				paths = append(paths, p)
			}
		}
	}
	if len(paths) == 0 {
		testenv.Missing(t, "the chapters of "+chapters)
	}
	return paths
}

// ankiSeed compiles the seed chapter in ../shared/chapters, read at run
// time. It skips the test when ../shared is missing, unless CI is set.
func ankiSeed(t testing.TB) (*deck.Deck, string, []byte) {
	t.Helper()
	path := filepath.Join(testenv.Shared(t), "chapters", "00-seed-serverless-ch20.txt")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, _, err := deck.Compile(path, src, deck.Options{})
	if err != nil {
		t.Fatalf("compiling the seed chapter: %v", err)
	}
	return d, path, src
}

func TestAnkiCSVRoundTripBuiltin(t *testing.T) {
	d := ankiBuiltin(t)
	if d.Name != "Serverless Architecture::Chapter 20" {
		t.Errorf("built-in deck name %q, want Serverless Architecture::Chapter 20", d.Name)
	}
	cards := ankiCards(d)
	checkAnkiRoundTrip(t, cards, AnkiOptions{})
	checkAnkiRoundTrip(t, cards, AnkiOptions{Reverse: true, Deck: "Interviews::Serverless"})
}

func TestAnkiCSVRoundTripSeed(t *testing.T) {
	d, _, _ := ankiSeed(t)
	cards := ankiCards(d)
	cards[0].Leech = true
	out := checkAnkiRoundTrip(t, cards, AnkiOptions{})
	// The seed's text is full of what needs care: "$5,000", quoted error
	// messages, *emphasis*, "Don't".
	for _, want := range []string{`,"`, `""`, "<i>"} {
		if !strings.Contains(out, want) {
			t.Errorf("the seed's export has no %q; has the chapter changed?", want)
		}
	}
}

func TestAnkiCSVRoundTripChapters(t *testing.T) {
	// Every chapter of the shared set, read at run time, as it compiles.
	for _, path := range ankiChapters(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			d, _, err := deck.Compile(path, src, deck.Options{})
			if err != nil {
				t.Skipf("compile: %v", err)
			}
			checkAnkiRoundTrip(t, ankiCards(d), AnkiOptions{})
		})
	}
}

func TestAnkiCSVGolden(t *testing.T) {
	var b bytes.Buffer
	if err := AnkiCSV(&b, ankiCards(ankiBuiltin(t)), AnkiOptions{}); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "builtin.anki.csv")
	if ankiUpdate() {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./export -update to write it)", err)
	}
	if got := b.String(); got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("the built-in deck's export differs from %s at line %d:\ngot  %q\nwant %q\n(go test ./export -update rewrites it)", golden, i+1, g, w)
			}
		}
	}
}

// checkAnkiReexport checks a second export against the first: the same GUIDs in the
// same order, and only the row of the card at index edited changed.
func checkAnkiReexport(t *testing.T, first, second string, edited int, wantBack string) {
	t.Helper()
	a, b := strings.Split(first, "\n"), strings.Split(second, "\n")
	if len(a) != len(b) {
		t.Fatalf("the second export has %d lines, the first %d", len(b), len(a))
	}
	fa, err := readAnki(first, 2)
	if err != nil {
		t.Fatal(err)
	}
	fb, err := readAnki(second, 2)
	if err != nil {
		t.Fatal(err)
	}
	for i := range fa.Notes {
		if fa.Notes[i].GUID != fb.Notes[i].GUID {
			t.Errorf("note %d: GUID %s became %s", i, fa.Notes[i].GUID, fb.Notes[i].GUID)
		}
	}
	for i := range a {
		if changed := a[i] != b[i]; changed != (i == 7+edited) {
			t.Errorf("line %d changed = %v, want %v:\n%s\n%s", i+1, changed, !changed, a[i], b[i])
		}
	}
	if got := fb.Notes[edited].Fields[1]; got != wantBack {
		t.Errorf("the edited note's back = %q, want %q", got, wantBack)
	}
}

func TestAnkiCSVReexportDeckFile(t *testing.T) {
	// A user exports a deck file, edits one back in it, and exports again.
	tricky, _, _ := ankiTrickyCards()
	td := &deck.Deck{Name: "Tests::Tricky", Source: "tricky.txt"}
	for _, c := range tricky {
		if strings.TrimSpace(c.Back) != "" && !strings.ContainsAny(c.Front+c.Back, "\r\x07") {
			td.Cards = append(td.Cards, c.Card)
		}
	}
	for _, d := range []*deck.Deck{ankiBuiltin(t), td} {
		t.Run(d.Name, func(t *testing.T) {
			var file bytes.Buffer
			if err := deck.Write(&file, d); err != nil {
				t.Fatal(err)
			}
			edited := len(d.Cards) / 2
			old := "---\n" + d.Cards[edited].Back + "\n"
			if strings.Count(file.String(), old) != 1 {
				t.Skipf("the back of card %d is not unique in the deck file", edited)
			}
			export := func(src string) string {
				d, err := deck.Read(strings.NewReader(src))
				if err != nil {
					t.Fatal(err)
				}
				var b bytes.Buffer
				if err := AnkiCSV(&b, ankiCards(d), AnkiOptions{}); err != nil {
					t.Fatal(err)
				}
				return b.String()
			}
			first := export(file.String())
			second := export(strings.Replace(file.String(), old, "---\nAn *edited* back, with a comma.\n", 1))
			checkAnkiReexport(t, first, second, edited, "An <i>edited</i> back, with a comma.")
		})
	}
}

func TestAnkiCSVReexportChapter(t *testing.T) {
	// Editing an answer in the chapter itself keeps every GUID too: IDs
	// come from the fronts.
	d, path, src := ankiSeed(t)
	edited := -1
	for i, c := range d.Cards {
		if c.Kind == deck.KindQA && strings.Count(string(src), c.Back) == 1 {
			edited = i
			break
		}
	}
	if edited < 0 {
		t.Fatal("no question with a unique answer in the seed chapter")
	}
	src2 := strings.Replace(string(src), d.Cards[edited].Back, "An edited answer.", 1)
	d2, _, err := deck.Compile(path, []byte(src2), deck.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var first, second bytes.Buffer
	if err := AnkiCSV(&first, ankiCards(d), AnkiOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := AnkiCSV(&second, ankiCards(d2), AnkiOptions{}); err != nil {
		t.Fatal(err)
	}
	checkAnkiReexport(t, first.String(), second.String(), edited, "An edited answer.")
}

func FuzzAnkiCSV(f *testing.F) {
	cards, _, _ := ankiTrickyCards()
	for _, c := range cards[:len(cards)-1] {
		f.Add(c.Front, c.Back, c.Section)
	}
	f.Add("**a *b* c**", "*a **b* c**", "")
	f.Add("`x`*y*`z`", "\\*\\`", "Part 1: Q&A")
	f.Fuzz(func(t *testing.T, front, back, section string) {
		cards := []Card{{Card: deck.Card{ID: "fuzz000001", Kind: deck.KindQA, Front: front, Back: back, Section: section, Tags: []string{"fuzz"}}, Deck: "Fuzz::Deck"}}
		err := AnkiCSV(io.Discard, cards, AnkiOptions{})
		valid := utf8.ValidString(front) && utf8.ValidString(back) && utf8.ValidString(section)
		switch {
		case !valid:
			if err == nil {
				t.Fatal("AnkiCSV(invalid UTF-8) = nil, want an error")
			}
			return
		case blank(ankiAnyTag.ReplaceAllString(AnkiHTML(front), "")):
			if err == nil || !strings.Contains(err.Error(), "empty front") {
				t.Fatalf("AnkiCSV(front %q) = %v, want an empty-front error", front, err)
			}
			return
		case err != nil:
			t.Fatalf("AnkiCSV(%q, %q, %q) = %v", front, back, section, err)
		}
		checkAnkiRoundTrip(t, cards, AnkiOptions{})
	})
}

// ankiBenchCards returns n cards with text like a chapter's: Markdown, commas,
// quotes, line breaks, a few sections and tags.
func ankiBenchCards(n int) []Card {
	cards := make([]Card, n)
	for i := range cards {
		cards[i] = Card{
			Card: deck.Card{
				ID:      fmt.Sprintf("%010d", i),
				Kind:    deck.KindQA,
				Front:   fmt.Sprintf("Question %d: what does **API Gateway** do when a backend takes \"35 seconds\"?", i),
				Back:    "It times out at 29 seconds, so the user gets an error.\nPut an *SQS queue* in between and return `200 OK` at once; the Lambda reads the queue at its own pace & retries.",
				Section: fmt.Sprintf("Part %d: Core Questions", i/1000),
				Tags:    []string{"aws::lambda", "interview"},
			},
			Deck:  "Serverless Architecture::Chapter 20",
			Leech: i%97 == 0,
		}
	}
	return cards
}

func BenchmarkAnkiCSV(b *testing.B) {
	cards := ankiBenchCards(100000)
	var w ankiCountWriter
	if err := AnkiCSV(&w, cards, AnkiOptions{}); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(w.total))
	b.ReportAllocs()
	for b.Loop() {
		if err := AnkiCSV(io.Discard, cards, AnkiOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestAnkiCSVInjection writes cards, decks and tags holding what runs in
// Anki (script in HTML, in a deck name or a tag that a template shows,
// MathJax links, media references) and checks that the file holds none of
// it live, while a cloze marker stays live.
func TestAnkiCSVInjection(t *testing.T) {
	vectors := []string{
		"<script>alert(1)</script>",
		"<img src=x onerror=alert(1)>",
		"Tips <svg/onload=alert(1)>",
		`\(\href{javascript:alert(1)}{click}\)`,
		`\[\href{javascript:alert(1)}{x}\]`,
		"[sound:../../collection.anki2]",
		"[sound:_secret.mp3]",
		"{{Deck}} {{Tags}} {{Front}}",
		"[[type:Back]]",
		`<a href="javascript:alert(1)">x</a>`,
	}
	var cards []Card
	for i, v := range vectors {
		cards = append(cards, Card{
			Card: deck.Card{ID: fmt.Sprintf("inj%07d", i), Front: "Front " + v, Back: "Back " + v, Section: "S " + v,
				Tags: []string{"tag<svg/onload=alert(1)>{{x}}"}},
			Deck: "Deck " + v,
		})
	}
	cards = append(cards, Card{Card: deck.Card{ID: "inj0000099", Front: "The {{c1::answer}} stays", Back: "b"}, Deck: "D"})
	var b bytes.Buffer
	if err := AnkiCSV(&b, cards, AnkiOptions{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, live := range []string{"<script", "<img", "<svg", "<a ", "\\(", "\\)", "\\[", "\\]", "[sound:", "[[type:", "href{", "{{Deck", "{{Tags", "{{Front", "{{x"} {
		if strings.Contains(out, live) {
			t.Errorf("the file holds %q live:\n%s", live, out)
		}
	}
	if !strings.Contains(out, "The {{c1::answer}} stays") {
		t.Errorf("the cloze marker is not live:\n%s", out)
	}
	// What the notes show, once Anki reads the HTML, is what was typed.
	f, err := readAnki(out, 2)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range vectors {
		if got := ankiShown(f.Notes[i].Fields[0]); got != "Front "+v {
			t.Errorf("note %d shows %q, want %q", i, got, "Front "+v)
		}
	}
}

// ankiShown returns the text a field's HTML shows: tags removed, the
// entities AnkiCSV writes decoded.
func ankiShown(html string) string {
	s := ankiAnyTag.ReplaceAllString(html, "")
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&#91;", "[", "&#123;", "{", "&amp;", "&").Replace(s)
}

// Notes of several cards go out once each, with the notetype Anki needs:
// a cloze text as Cloze with its deletions live, a two-way fact as Basic
// (and reversed card), a card alone as Basic; each note's GUID is its
// first card's ID.
func TestAnkiCSVNotes(t *testing.T) {
	d, _, err := deck.Compile("n.md", []byte("# Notes\n\nThe {{c1::kubelet}} runs on every {{c2::node::where?}}.\n\nPod:::The smallest unit Kubernetes schedules.\n\nQ: What is etcd?\nA: A key-value store.\n"), deck.Options{})
	if err != nil || len(d.Cards) != 5 {
		t.Fatalf("compile: %v %d", err, len(d.Cards))
	}
	var cards []Card
	for _, c := range d.Cards {
		cards = append(cards, Card{Card: c, Deck: d.Name})
	}
	var b bytes.Buffer
	if err := AnkiCSV(&b, cards, AnkiOptions{}); err != nil {
		t.Fatal(err)
	}
	f, err := readAnki(b.String(), 2)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ guid, notetype, front, back string }{
		{d.Cards[0].ID, AnkiCloze, "The {{c1::kubelet}} runs on every {{c2::node::where?}}.", ""},
		{d.Cards[2].ID, AnkiBasicReversed, "Pod", "The smallest unit Kubernetes schedules."},
		{d.Cards[4].ID, AnkiBasic, "What is etcd?", "A key-value store."},
	}
	if len(f.Notes) != len(want) {
		t.Fatalf("%d notes, want %d:\n%s", len(f.Notes), len(want), b.String())
	}
	for i, w := range want {
		n := f.Notes[i]
		if n.GUID != w.guid || n.Notetype != w.notetype || n.Fields[0] != w.front || n.Fields[1] != w.back {
			t.Errorf("note %d = %q %q %q %q, want %q %q %q %q", i, n.GUID, n.Notetype, n.Fields[0], n.Fields[1], w.guid, w.notetype, w.front, w.back)
		}
	}
	// A reversed card given without its forward card still gives the note
	// the right way round.
	b.Reset()
	if err := AnkiCSV(&b, cards[3:4], AnkiOptions{}); err != nil {
		t.Fatal(err)
	}
	if f, _ := readAnki(b.String(), 2); len(f.Notes) != 1 || f.Notes[0].GUID != d.Cards[2].ID || f.Notes[0].Fields[0] != "Pod" {
		t.Errorf("the reversed card alone gives %+v", f.Notes)
	}
}
