package deck

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

func TestParseHTML(t *testing.T) {
	checkShapes(t, parseHTML, []shapeTest{
		{
			name: "site chrome is ignored; dl, details and question headings give cards",
			src: `<!DOCTYPE html><html><head><title>Queues</title><style>p{}</style><script>var x = "Q: no?";</script></head>
<body>
<div id="cookie-consent">We use cookies. <button>OK</button></div>
<header><nav><a href="/">Home</a></nav></header>
<main>
<h1>Queues</h1>
<p>Intro prose that is no card.</p>
<h2>Terms</h2>
<dl><dt>Shard</dt><dd>A slice of a <em>stream</em>.</dd><dt>Topic</dt><dd><p>A channel.</p><p>Many readers.</p></dd></dl>
<h2>FAQ</h2>
<details><summary>Does SQS keep order?</summary><p>Only <strong>FIFO</strong> queues.</p></details>
<h3>How do I stop a poison message?</h3>
<p>Set a <code>maxReceiveCount</code>.<br>Then alarm.</p>
<aside class="share">Share this?</aside>
<form><label>Question?</label><input></form>
</main>
<footer><p>© Example. All rights reserved.</p></footer>
</body></html>`,
			cards: []Card{
				{Kind: KindDefinition, Section: "Terms", Front: "Shard", Back: "A slice of a *stream*."},
				{Kind: KindDefinition, Section: "Terms", Front: "Topic", Back: "A channel.\nMany readers."},
				{Kind: KindQA, Section: "FAQ", Front: "Does SQS keep order?", Back: "Only **FIFO** queues."},
				{Kind: KindQA, Section: "FAQ", Front: "How do I stop a poison message?", Back: "Set a `maxReceiveCount`.\nThen alarm."},
			},
		},
		{
			name: "tables with a header row, lists of terms and steps",
			src: `<h2>Limits</h2><table><tr><th>Limit</th><th>Value</th></tr><tr><td>Timeout</td><td>15 min</td></tr></table>
<h2>Words</h2><ul><li>Cold start: the first call</li><li>no term here</li></ul>
<h2>Release</h2><ol><li>Build: compile</li><li>Ship: upload</li></ol>`,
			cards: []Card{
				{Kind: KindDefinition, Section: "Limits", Front: "Timeout", Back: "15 min"},
				{Kind: KindDefinition, Section: "Words", Front: "Cold start", Back: "the first call"},
				{Kind: KindStep, Section: "Release", Front: "Release — step 1: Build", Back: "compile"},
				{Kind: KindStep, Section: "Release", Front: "Release — step 2: Ship", Back: "upload"},
			},
		},
		{
			name: "check boxes and answer lines; an unanswered question is skipped with a warning",
			src: `<h3>1. Max timeout?</h3>
<ul><li><input type="checkbox"> 5 minutes</li><li><input type="checkbox" checked> 15 minutes</li></ul>
<h3>2. Which service orders messages?</h3>
<p>A) SNS<br>B) SQS FIFO</p>
<p>Correct answer: B</p>
<h3>3. Which is cheapest?</h3>
<ol type="A"><li>A. S3</li><li>B. EBS</li></ol>`,
			cards: []Card{
				{Kind: KindQA, Front: "Max timeout?", Back: "15 minutes"},
				{Kind: KindQA, Front: "Which service orders messages?", Back: "SQS FIFO"},
			},
			warns: []int{6},
		},
		{
			name: "entities are decoded and the text normalized to NFC",
			src:  `<h2>What is a caf&#x65;&#x301;?</h2><p>A place &amp; more.</p>`,
			cards: []Card{
				{Kind: KindQA, Front: "What is a caf\u00e9?", Back: "A place & more."},
			},
		},
		{
			name: "the page's own containers are never chrome by class name",
			src:  `<body class="post has-sidebar menu-open"><main class="nav-shift"><h2>What is SNS?</h2><p>A topic service.</p></main><div class="sidebar"><h2>Why read more?</h2><p>Ads.</p></div></body>`,
			cards: []Card{
				{Kind: KindQA, Front: "What is SNS?", Back: "A topic service."},
			},
		},
		{
			name: "a page with no h1 takes its title from <title>; hidden text is ignored",
			src:  `<html><head><title>Notes</title></head><body><div hidden><h2>Secret?</h2><p>Yes.</p></div><h2>What is S3?</h2><p>Object storage.</p></body></html>`,
			cards: []Card{
				{Kind: KindQA, Front: "What is S3?", Back: "Object storage."},
			},
		},
	})
	ch := parseHTML(`<html><head><title>Notes</title></head><body><h2>What?</h2><p>That.</p></body></html>`)
	if ch.title != "Notes" {
		t.Errorf("title = %q, want %q", ch.title, "Notes")
	}
}

// Cards of an HTML chapter carry the line their text starts on.
func TestParseHTMLLines(t *testing.T) {
	ch := parseHTML("<html>\n<body>\n<h2>What is SQS?</h2>\n<p>A queue.</p>\n<h2>Terms</h2><dl>\n<dt>Shard</dt>\n<dd>A slice.</dd>\n<dt>Topic</dt><dd>A channel.</dd>\n</dl>\n</body>\n</html>\n")
	want := []int{3, 6, 8}
	if len(ch.cards) != len(want) {
		t.Fatalf("cards = %+v, want %d", ch.cards, len(want))
	}
	for i, c := range ch.cards {
		if c.Line != want[i] {
			t.Errorf("card %d (%s) line = %d, want %d", i, c.Front, c.Line, want[i])
		}
	}
}

// FuzzCompileHTML checks that compiling any HTML never panics and that every
// deck it returns has non-empty fronts and backs, unique IDs, and survives
// the deck file. The
// committed corpus is under testdata/fuzz/FuzzCompileHTML.
func FuzzCompileHTML(f *testing.F) {
	f.Add([]byte("<h1>T</h1><h2>What?</h2><p>That<br>and <b>this</b>.</p><dl><dt>A</dt><dd>b</dd></dl>"))
	f.Add([]byte("<details><summary>Q?</summary><p>A.</p></details><ul><li><input type=checkbox checked> x</li><li><input type=checkbox> y</li></ul>"))
	f.Fuzz(func(t *testing.T, src []byte) {
		d, _, err := Compile("f.html", src, Options{})
		if err != nil {
			return
		}
		checkCompiled(t, d)
		roundTrip(t, d)
	})
}

// htmlShaped returns about size bytes of HTML holding every shape the HTML
// parser reads, and chrome it skips, numbered so no two cards are alike.
// Answers run to a few sentences, as in the labelled chapters.
func htmlShaped(size int) []byte {
	const prose = "It scales with the load and bills by the millisecond, so an idle function costs nothing. "
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><title>Bench</title><script>var a = 1;</script></head><body><nav><a href=/>Home</a></nav><main><h1>Benchmark Page</h1>\n")
	for n := 0; b.Len() < size; n++ {
		fmt.Fprintf(&b, "<h2>Part %d</h2>\n<h3>What does service %d do?</h3>\n<p>It runs <em>code</em> for <strong>event</strong> %d.<br>Without servers. %s%s</p>\n<pre><code>exports.h%d = async () =&gt; %d;\n</code></pre>\n", n, n, n, prose, prose, n, n)
		fmt.Fprintf(&b, "<dl><dt>Term %d</dt><dd>Meaning %d. %s</dd></dl>\n<table><tr><th>Limit</th><th>Value</th></tr><tr><td>Limit %d</td><td>%d MB</td></tr></table>\n", n, n, prose, n, n)
		fmt.Fprintf(&b, "<details><summary>Why pick option %d?</summary><p>Because it scales to %d. %s</p></details>\n", n, n, prose)
		fmt.Fprintf(&b, "<h3>%d. Which queue keeps order?</h3><ul><li><input type=checkbox> Standard</li><li><input type=checkbox checked> FIFO %d</li></ul>\n", n, n)
		fmt.Fprintf(&b, "<div class=\"cookie-banner\">Cookies %d <button>OK</button></div><p>Prose that is no card, padding the page like a real one. %s%s</p>\n", n, prose, prose)
	}
	b.WriteString("</main><footer>© Bench</footer></body></html>\n")
	return []byte(b.String())
}

// BenchmarkCompileHTML compiles a 1 MB HTML chapter; the target is at least
// 10 MB/s.
func BenchmarkCompileHTML(b *testing.B) {
	src := htmlShaped(1 << 20)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	var cards int
	start := cpuTime()
	for b.Loop() {
		d, _, err := Compile("bench.html", src, Options{})
		if err != nil {
			b.Fatal(err)
		}
		cards = len(d.Cards)
	}
	reportCPU(b, start, len(src))
	b.ReportMetric(float64(cards), "cards")
}

// pieceTestPage is a page with chrome, containers opened and closed around
// the headings, paragraphs and list items without end tags, headers inside
// main (content) and one outside it after it (chrome): TestHTMLPieces cuts
// it into small pieces.
func pieceTestPage(sections int) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><title>Pieces</title></head>\n<body>\n<div class=\"sidebar\"><h2>Related</h2><p>Not a card.</p></div>\n<main><article>\n")
	for i := range sections {
		fmt.Fprintf(&b, "<section id=\"s%d\">\n<h2>Part %d</h2>\n<p>Prose of part %d, no card.\n<p>Another paragraph left open\n", i, i, i)
		fmt.Fprintf(&b, "<h3>What does step %d do?</h3>\n<p>It moves the work of part %d along.</p>\n", i, i)
		fmt.Fprintf(&b, "<dl><dt>Term %d<dd>Its definition, long enough for a back %d.<dt>Other %d<dd>Another definition.</dl>\n", i, i, i)
		fmt.Fprintf(&b, "<ul><li><strong>Item %d:</strong> what it means<li><strong>Next %d:</strong> and this one</ul>\n", i, i)
		fmt.Fprintf(&b, "<table><tr><th>Service</th><th>Use</th><tr><td>S%d</td><td>Does %d</td></table>\n", i, i)
		if i%3 == 0 {
			fmt.Fprintf(&b, "<div><h4>Q: Inside a div %d?</h4><p>A: Yes, inside.</p></div>\n", i)
		}
		if i%5 == 2 { // kept: a header inside main is content
			fmt.Fprintf(&b, "<header><h4>Q: A header inside main %d?</h4><p>A: Yes, kept.</p></header>\n", i)
		}
		b.WriteString("</section>\n")
		if i%7 == 6 {
			b.WriteString("</article><article>\n")
		}
	}
	b.WriteString("</article></main>\n<header><h2>Page header after main</h2><p>Chrome.</p></header>\n<footer>© All rights reserved.</footer>\n</body></html>\n")
	return b.String()
}

// TestHTMLPieces reads pages whole and in small pieces and wants the same
// document: the pieces page, the shared chapters' HTML pages, and a page
// too tangled to cut.
func TestHTMLPieces(t *testing.T) {
	texts := map[string]string{"pieces": pieceTestPage(60), "unclosed": strings.Repeat("<div><p>Open <b>bold <h2>What is this?</h2><p>A page that never closes.\n", 300)}
	// Pages whose tags HTML reads otherwise than they look (their blocks
	// are not counted closely).
	odd := map[string]bool{}
	section := "<section><h2>Part %d</h2><h3>What does step %d do?</h3><p>It moves part %d on.\n<table><tr><td>Service %d<td>Its use<tr><td>x<td><ul><li>y<li>z</ul></table>\n" +
		"<p>Resource %d holds:<table><tr><td>key %d</td><td>value %d</td></tr></table></section>\n" // in quirks mode, the table is in the paragraph
	page := func(head, extra string, n int) string {
		var b strings.Builder
		b.WriteString(head)
		for i := range n {
			fmt.Fprintf(&b, section, i, i, i, i, i, i, i)
			if i == n/2 {
				b.WriteString(extra)
			}
		}
		return b.String() + "</main></body></html>"
	}
	const std = "<!DOCTYPE html><html><head><title>T</title></head><body><main>"
	for name, p := range map[string]string{
		"self-closing a":       page(std, "<a name=\"x\"/><h2>After the anchor</h2><p>Inside the a.</p>", 80),
		"self-closing sidebar": page(std, "<div class=\"sidebar\"/>", 80),
		"late doctype":         page("<html><!DOCTYPE html><head><title>T</title></head><body><main>", "<p>Open<table><tr><td>in p</table>", 80),
		"late title":           page("<!DOCTYPE html><html><head></head><body><main>", "<svg><title>Icon</title></svg>", 80),
		"svg title":            page(std, "<div><svg><title><span class=\"x\">Icon</title></svg></div>", 80),
		"cdata":                page(std, "<svg><foreignObject><![CDATA[ a > b </foreignObject></svg> ]]>", 80),
		"frameset, no body":    page("<!DOCTYPE html><html><head><title>T</title></head><main>", "<h2 id=\"a\"></h2><frameset><frame src=\"x\"></frameset>", 80),
		"bodies":               page(std, strings.Repeat("<body>", 50), 80),
	} {
		texts[name], odd[name] = p, true
	}
	addSharedChapters(t, texts, "*.htm*", func(string) bool { return true })
	for name, text := range texts {
		whole, err := lowerHTMLPieces(text, len(text)+1)
		if err != nil {
			t.Fatal(err)
		}
		// The count of blocks that sizes the array of a page read in
		// pieces.
		if pieces, n := htmlPieces(text, 512); !odd[name] && len(pieces) > 1 && (n < len(whole.blocks) || n > len(whole.blocks)*3/2+16) {
			t.Errorf("%s: %d blocks counted, %d read", name, n, len(whole.blocks))
		}
		for _, size := range []int{512, 4096} {
			cut, err := lowerHTMLPieces(text, size)
			if err != nil {
				t.Fatal(err)
			}
			if n, want := htmlPieceCount(text, size), len(text)/size/2; name == "pieces" && n < want {
				t.Errorf("%s: %d pieces of %d bytes, want %d or more", name, n, size, want)
			}
			if !reflect.DeepEqual(whole, cut) {
				t.Errorf("%s: pieces of %d bytes: %d blocks, %d read whole", name, size, len(cut.blocks), len(whole.blocks))
				for i := range min(len(whole.blocks), len(cut.blocks)) {
					if !reflect.DeepEqual(whole.blocks[i], cut.blocks[i]) {
						t.Errorf("first difference, block %d:\n%+v\n%+v", i, whole.blocks[i], cut.blocks[i])
						break
					}
				}
			}
		}
	}
}

func htmlPieceCount(text string, size int) int {
	pieces, _ := htmlPieces(text, size)
	return len(pieces)
}

// TestHTMLPiecesRandom reads random pages whole and in pieces: containers
// (some of them chrome) nested in any order, headings, paragraphs, lists,
// definitions and tables whose end tags are often left out, formatting,
// comments and scripts, headings inside formatting (a link), and now and
// then a tag out of place (a heading ended by another, formatting across a
// block, a stray end tag).
func TestHTMLPiecesRandom(t *testing.T) {
	rnd := rand.New(rand.NewPCG(9, 10))
	words := []string{"What is a queue?", "A buffer.", "Term: its meaning", "Q: Why?", "A: Because.", "text", "1. Step one"}
	word := func() string { return words[rnd.IntN(len(words))] }
	maybe := func(s string) string { // an end tag HTML implies, left out half the time
		if rnd.IntN(2) == 0 {
			return s
		}
		return ""
	}
	var gen func(b *strings.Builder, depth int)
	gen = func(b *strings.Builder, depth int) {
		for range 1 + rnd.IntN(6) {
			switch r := rnd.IntN(20); {
			case r < 4 && depth < 5:
				tag := []string{"div", "section", "article", "main", "div class=\"sidebar\"", "nav", "header", "aside"}[rnd.IntN(8)]
				name, _, _ := strings.Cut(tag, " ")
				fmt.Fprintf(b, "<%s>\n", tag)
				gen(b, depth+1)
				fmt.Fprintf(b, "</%s>\n", name)
			case r < 7:
				h := 1 + rnd.IntN(4)
				end := h
				if rnd.IntN(15) == 0 {
					end = 1 + rnd.IntN(4) // out of place
				}
				fmt.Fprintf(b, "<h%d>%s</h%d>\n", h, word(), end)
			case r < 10:
				fmt.Fprintf(b, "<p>%s <em>%s</em> %s%s\n", word(), word(), word(), maybe("</p>"))
			case r < 12:
				b.WriteString("<ul>")
				for range 1 + rnd.IntN(3) {
					fmt.Fprintf(b, "<li><strong>%s</strong> %s%s", word(), word(), maybe("</li>"))
				}
				b.WriteString("</ul>\n")
			case r < 14:
				b.WriteString("<dl>")
				for range 1 + rnd.IntN(3) {
					fmt.Fprintf(b, "<dt>%s%s<dd>%s%s", word(), maybe("</dt>"), word(), maybe("</dd>"))
				}
				b.WriteString("</dl>\n")
			case r < 16:
				fmt.Fprintf(b, "<table>%s<tr><th>%s<th>%s<tr><td>%s<td>%s%s</table>\n", maybe("<tbody>"), word(), word(), word(), word(), maybe("</tr>"))
			case r < 17:
				b.WriteString([]string{"<!-- <h2>not this</h2> -->", "<script>if (a<b) x = '</p>';</script>", "<br>", "<hr>",
					"<a href=\"#x\"><h3>" + word() + "</h3></a>", "<b>" + word() + " <h2>" + word() + "</h2> " + word() + "</b>"}[rnd.IntN(6)] + "\n")
			case r < 18 && rnd.IntN(4) == 0:
				b.WriteString([]string{"<p><b>bold</p><p>still</b></p>", "</div>", "</span>", "<li>loose", "<dd>loose"}[rnd.IntN(5)] + "\n")
			default:
				b.WriteString(word() + "\n")
			}
		}
	}
	cutDocs := 0
	for range 400 {
		var b strings.Builder
		b.WriteString("<!DOCTYPE html><html><head><title>T</title></head><body>\n")
		for range 5 {
			gen(&b, 0)
		}
		b.WriteString("</body></html>\n")
		text := b.String()
		whole, err := lowerHTMLPieces(text, len(text)+1)
		if err != nil {
			t.Fatal(err)
		}
		cut, err := lowerHTMLPieces(text, 128)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(whole, cut) {
			t.Fatalf("pieces of 128 bytes differ from the whole (%d, %d blocks):\n%s", len(cut.blocks), len(whole.blocks), text)
		}
		if htmlPieceCount(text, 128) > 2 {
			cutDocs++
		}
	}
	if cutDocs < 100 {
		t.Errorf("only %d of 400 pages were cut in three pieces or more: the test checks little", cutDocs)
	}
}
