package deck

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// shapeTest is one chapter and the cards and warnings a parser must find.
type shapeTest struct {
	name  string
	src   string
	cards []Card // ID and Line not compared; nil Tags equal empty ones
	warns []int  // lines warned about
	notes []int  // lines of blocks skipped on purpose; not compared when nil
}

// checkShapes runs parse on each test's source and compares.
func checkShapes(t *testing.T, parse func(string) chapter, tests []shapeTest) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ch := parse(tt.src)
			for i := 0; i < len(ch.cards) || i < len(tt.cards); i++ {
				switch {
				case i >= len(ch.cards):
					t.Errorf("card %d missing, want %+v", i, tt.cards[i])
					continue
				case i >= len(tt.cards):
					t.Errorf("card %d = %+v, want none", i, ch.cards[i])
					continue
				}
				got, want := ch.cards[i], tt.cards[i]
				if got.Kind != want.Kind || got.Section != want.Section || got.Front != want.Front || got.Back != want.Back ||
					strings.Join(got.Tags, " ") != strings.Join(want.Tags, " ") {
					t.Errorf("card %d =\n  %+v\nwant\n  %+v", i, got, want)
				}
			}
			var lines, notes []int
			for _, w := range ch.warnings {
				if w.Note {
					notes = append(notes, w.Line)
				} else {
					lines = append(lines, w.Line)
				}
			}
			if fmt.Sprint(lines) != fmt.Sprint(tt.warns) {
				t.Errorf("warnings at lines %v (%v), want %v", lines, ch.warnings, tt.warns)
			}
			if tt.notes != nil && fmt.Sprint(notes) != fmt.Sprint(tt.notes) {
				t.Errorf("notes at lines %v (%v), want %v", notes, ch.warnings, tt.notes)
			}
		})
	}
}

func TestParseMarkdown(t *testing.T) {
	checkShapes(t, parseMarkdown, []shapeTest{
		{
			name: "question headings with prose, lists and code; the contents list is no card",
			src: "# Queue Notes\n\n## Contents\n\n1. [What is a queue?](#q1)\n2. [How do I send?](#q2)\n\n" +
				"## 1. What is a queue?\n\nA buffer between *producers* and **consumers**.\n\n" +
				"## 2. How do I send?\n\nUse the SDK:\n\n```go\nq.Send(ctx, msg)\n  // done\n```\n\n" +
				"## 3. Why use one?\n\nThree reasons:\n\n- Decoupling\n- Buffering.\n- Retries\n",
			cards: []Card{
				{Kind: KindQA, Section: "Queue Notes", Front: "What is a queue?", Back: "A buffer between *producers* and **consumers**."},
				{Kind: KindQA, Section: "Queue Notes", Front: "How do I send?", Back: "Use the SDK:\n`q.Send(ctx, msg)`\n`  // done`"},
				{Kind: KindQA, Section: "Queue Notes", Front: "Why use one?", Back: "Three reasons:\nDecoupling;\nBuffering.\nRetries"},
			},
		},
		{
			name:  "a question heading with no answer is warned about; a heading that is only a link answers nothing",
			src:   "## Where next?\n\n[More questions](https://example.com)\n\n## License\n\nMIT\n",
			warns: []int{1},
		},
		{
			name: "Q: headings and bold Q/A paragraphs, inline answers",
			src: "### Q: What does a DLQ hold?\n\n**A:** Messages that failed too often.\n\n" +
				"**Q:** What is idempotence?\n**A:** Doing it twice changes nothing.\n\n" +
				"Q: Why batch? A: Fewer calls.\n\nQ7: Why retry? A7: Networks fail.\n",
			cards: []Card{
				{Kind: KindQA, Front: "What does a DLQ hold?", Back: "Messages that failed too often."},
				{Kind: KindQA, Front: "What is idempotence?", Back: "Doing it twice changes nothing."},
				{Kind: KindQA, Front: "Why batch?", Back: "Fewer calls."},
				{Kind: KindQA, Front: "Why retry?", Back: "Networks fail."},
			},
		},
		{
			name: "term headings with pasted bullets and trailing dashes; sub-headings of a glossary",
			src: "# Words\n### •\tWidget– \nA small part.\n\n### •\tGadget - \nA tool\nwith two lines.\n\n" +
				"## Glossary\n\n### Sprocket\n\nA toothed wheel.\n",
			cards: []Card{
				{Kind: KindDefinition, Section: "Words", Front: "Widget", Back: "A small part."},
				{Kind: KindDefinition, Section: "Words", Front: "Gadget", Back: "A tool with two lines."},
				{Kind: KindDefinition, Section: "Glossary", Front: "Sprocket", Back: "A toothed wheel."},
			},
		},
		{
			name: "details and summary, a category heading dropped, any language kept",
			src: "<details>\n<summary>1. Що таке черга?</summary>\n\n#### Основи\n\n**Черга** — це буфер.\n\n1. Перше\n2. Друге\n\n</details>\n\n" +
				"<details><summary>Qu'est-ce qu'un sujet ?</summary>\n\nUn canal de diffusion.\n\n</details>\n",
			cards: []Card{
				{Kind: KindQA, Front: "Що таке черга?", Back: "**Черга** — це буфер.\nПерше;\nДруге"},
				{Kind: KindQA, Front: "Qu'est-ce qu'un sujet ?", Back: "Un canal de diffusion."},
			},
		},
		{
			name: "glossary bullets: colon, dashes, arrows; tips; steps of an ordered list",
			src: "## Terms\n\n- Shard: a slice of a stream\n- Fan-out – one message, many readers\n- **DLQ** → failed messages\n- Just a note without a term.\n\n" +
				"## Exam Tips\n\n- Read twice: the question hides a constraint\n\n## Deploy Checklist\n\n1. Build: compile it\n2. Ship: upload it\n",
			cards: []Card{
				{Kind: KindDefinition, Section: "Terms", Front: "Shard", Back: "a slice of a stream"},
				{Kind: KindDefinition, Section: "Terms", Front: "Fan-out", Back: "one message, many readers"},
				{Kind: KindDefinition, Section: "Terms", Front: "DLQ", Back: "failed messages"},
				{Kind: KindOther, Section: "Exam Tips", Front: "Read twice", Back: "the question hides a constraint", Tags: []string{"tip"}},
				{Kind: KindStep, Section: "Deploy Checklist", Front: "Deploy Checklist — step 1: Build", Back: "compile it"},
				{Kind: KindStep, Section: "Deploy Checklist", Front: "Deploy Checklist — step 2: Ship", Back: "upload it"},
			},
		},
		{
			name: "a list of sentences with one \"Note:\" item, and a procedure of sentences, give no cards",
			src:  "## Setup\n\n- Open the console.\n- Pick a region.\n- Note: it costs money.\n\n## Steps\n\n1. Create the table.\n2. Write the function.\n3. Deploy: run `sam deploy`.\n",
		},
		{
			name: "tables: term|definition, question|answer columns, row numbers dropped, wide rows",
			src: "## Limits\n\n| Limit | Value |\n|---|---|\n| Timeout | 15 minutes |\n| Memory | 10 GB |\n\n" +
				"## Drill\n\n| # | Question | Answer |\n|---|---|---|\n| 1 | Max payload? | 6 MB |\n\n" +
				"## Compare\n\n| No. | Service | Model | Order |\n|---|---|---|---|\n| 1 | SQS | pull | best effort |\n",
			cards: []Card{
				{Kind: KindDefinition, Section: "Limits", Front: "Timeout", Back: "15 minutes"},
				{Kind: KindDefinition, Section: "Limits", Front: "Memory", Back: "10 GB"},
				{Kind: KindQA, Section: "Drill", Front: "Max payload?", Back: "6 MB"},
				{Kind: KindOther, Section: "Compare", Front: "SQS", Back: "pull\nOrder: best effort"},
			},
		},
		{
			name: "definition lists and bold-term paragraphs; lead-in labels are no terms",
			src:  "Shard\n: A slice of a stream.\n\n**Visibility timeout** — how long a message hides.\n\n**Note:** this is prose.\n",
			cards: []Card{
				{Kind: KindDefinition, Front: "Shard", Back: "A slice of a stream."},
				{Kind: KindDefinition, Front: "Visibility timeout", Back: "how long a message hides."},
			},
		},
		{
			name: "glossaries written without blank lines: bold terms, or three or more \"Term: definition\" lines",
			src:  "**Alias**: a pointer to a version\n**Layer** — shared code\n\nShard: a slice\nTopic: a channel\nQueue: a buffer\n\nNote: only two\nlines: like this\n",
			cards: []Card{
				{Kind: KindDefinition, Front: "Alias", Back: "a pointer to a version"},
				{Kind: KindDefinition, Front: "Layer", Back: "shared code"},
				{Kind: KindDefinition, Front: "Shard", Back: "a slice"},
				{Kind: KindDefinition, Front: "Topic", Back: "a channel"},
				{Kind: KindDefinition, Front: "Queue", Back: "a buffer"},
			},
		},
		{
			name: "front matter and metadata lines are no glossary",
			src:  "---\ntitle: Notes\ntags: [aws]\n---\n\nAuthor: Sam\nUpdated: today\nTags: aws\n\n## What is SQS?\n\nA queue.\n",
			cards: []Card{
				{Kind: KindQA, Front: "What is SQS?", Back: "A queue."},
			},
		},
		{
			name: "plain FAQ questions take the paragraph after them; a rhetorical one alone is nothing",
			src:  "## FAQ\n\nDoes SQS keep order?\n\nOnly FIFO queues do.\n\nWhy does this matter?\n\n## Next\n",
			cards: []Card{
				{Kind: KindQA, Section: "FAQ", Front: "Does SQS keep order?", Back: "Only FIFO queues do."},
			},
		},
		{
			name: "check-box options: the ticked one answers; none ticked is skipped with a warning",
			src: "## Quiz\n\n### 1. Max timeout?\n\n- [ ] 5 minutes\n- [x] 15 minutes\n\n### 2. Which orders?\n\n- [ ] Standard\n- [ ] SNS\n\n" +
				"### 3. Pick two\n\n- [x] SQS\n- [ ] EC2\n- [x] SNS\n",
			cards: []Card{
				{Kind: KindQA, Section: "Quiz", Front: "Max timeout?", Back: "15 minutes"},
				{Kind: KindQA, Section: "Quiz", Front: "Pick two", Back: "SQS; SNS"},
			},
			warns: []int{8},
		},
		{
			name: "lettered options with a correct-answer line, an explanation, an option's text, two letters",
			src: "**Q1.** Where should a connection be opened?\n\nA) In the handler\nB) Outside the handler\n\nCorrect answer: B. Warm calls reuse it.\n\n" +
				"**Q2.** Which is serverless?\n\nA. EC2\nB. Lambda\n\nAnswer: Lambda\n\n" +
				"**Q3.** Which are queues or topics?\n\n(a) SQS\n(b) EBS\n(c) SNS\n\nAnswer: A and C\n",
			cards: []Card{
				{Kind: KindQA, Front: "Where should a connection be opened?", Back: "Outside the handler\n\nWarm calls reuse it."},
				{Kind: KindQA, Front: "Which is serverless?", Back: "Lambda"},
				{Kind: KindQA, Front: "Which are queues or topics?", Back: "SQS; SNS"},
			},
		},
		{
			name: "an answer key resolves numbered questions; the key itself is no card",
			src: "## Questions\n\n### 1. Cheapest storage class?\n\n- A. Standard\n- B. Glacier Deep Archive\n\n### 2. Fastest?\n\nA) Standard\nB) Glacier\n\n" +
				"## Answer key\n\n1. B – lowest price per GB\n2. A\n",
			cards: []Card{
				{Kind: KindQA, Section: "Questions", Front: "Cheapest storage class?", Back: "Glacier Deep Archive\n\nlowest price per GB"},
				{Kind: KindQA, Section: "Questions", Front: "Fastest?", Back: "Standard"},
			},
		},
		{
			name: "a scenario run: the text before the options asks, the letter is resolved, the explanation follows",
			src: "## 1️⃣ Queues – Spikes\n\n**Scenario:**\nOrders arrive in bursts:\n\n* Black Friday\n* Launch day\n\n**Which service absorbs them?**\n\n" +
				"A. SNS <br>\nB. SQS <br>\n\n✅ **Correct Answer:** **B**\n\n**Explanation:**\n\n* Queues buffer.\n\n---\n",
			cards: []Card{
				{Kind: KindScenario, Section: "Queues – Spikes", Tags: []string{"scenario"},
					Front: "Queues – Spikes — Orders arrive in bursts: Black Friday; Launch day. **Which service absorbs them?**",
					Back:  "SQS\n\n**Explanation:**\nQueues buffer."},
			},
		},
		{
			name: "a pasted question list: check marks, TABs, indented answers read as text, not code",
			src: "# Lambda\n \n ✅#   1. What is Lambda?\nA compute service.\n\n✅  2. What triggers it?\n      \n      • S3 uploads\n      • API calls\n\n" +
				"  ✅6.\t How is it billed?\n \n\t•\tRequests: per million \n\t•\tDuration: per GB-second\n         Example: 1 s at 128 MB\n\n" +
				" ✅7. Which languages?\n  \n\t        # Node.js, Python and Go\n\t ✅8\tMax timeout?\n  \n\t         •\t15 minutes\n",
			cards: []Card{
				{Kind: KindQA, Section: "Lambda", Front: "What is Lambda?", Back: "A compute service."},
				{Kind: KindQA, Section: "Lambda", Front: "What triggers it?", Back: "S3 uploads;\nAPI calls"},
				{Kind: KindQA, Section: "Lambda", Front: "How is it billed?", Back: "Requests: per million;\nDuration: per GB-second\nExample: 1 s at 128 MB"},
				{Kind: KindQA, Section: "Lambda", Front: "Which languages?", Back: "# Node.js, Python and Go"},
				{Kind: KindQA, Section: "Lambda", Front: "Max timeout?", Back: "15 minutes"},
			},
		},
		{
			name: "real indented code stays code",
			src:  "## How do I invoke it?\n\nRun:\n\n    aws lambda invoke --function-name f out.json\n",
			cards: []Card{
				{Kind: KindQA, Front: "How do I invoke it?", Back: "Run:\n`aws lambda invoke --function-name f out.json`"},
			},
		},
		{
			name: "entities are resolved, escapes dropped except before the subset's markers",
			src:  "## What is R&amp;D?\n\nIt costs \\*a lot\\* &mdash; really \\#1.\n",
			cards: []Card{
				{Kind: KindQA, Front: "What is R&D?", Back: "It costs \\*a lot\\* — really #1."},
			},
		},
		{
			name: "full-width question marks and colons",
			src:  "## 用語\n\n- 冷起動：最初の呼び出しの遅延\n\n### サーバーレスとは？\n\nサーバー管理が不要なモデル。\n",
			cards: []Card{
				{Kind: KindDefinition, Section: "用語", Front: "冷起動", Back: "最初の呼び出しの遅延"},
				{Kind: KindQA, Section: "用語", Front: "サーバーレスとは？", Back: "サーバー管理が不要なモデル。"},
			},
		},
	})
}

// Markdown chapters keep the text as written, in NFC, and number the lines
// of their cards.
func TestCompileMarkdownNFCAndLines(t *testing.T) {
	src := "\uFEFF# Caf\u0065\u0301\r\n\r\n## What is a cafe\u0301?\r\n\r\nA place.\r\n"
	d, _, err := Compile("notes.md", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Cards) != 1 {
		t.Fatalf("cards = %+v, want one", d.Cards)
	}
	c := d.Cards[0]
	if got, want := c.Front, "What is a caf\u00e9?"; got != want {
		t.Errorf("front = %q, want %q (NFC)", got, want)
	}
	if got, want := d.Title, "Caf\u00e9"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if c.Line != 3 {
		t.Errorf("line = %d, want 3", c.Line)
	}
}

// checkCompiled fails t unless every card of d has a non-empty front and
// back and a valid kind, and no two cards share an ID.
func checkCompiled(t *testing.T, d *Deck) {
	t.Helper()
	ids := map[string]bool{}
	for _, c := range d.Cards {
		if strings.TrimSpace(c.Front) == "" || strings.TrimSpace(c.Back) == "" {
			t.Fatalf("card with an empty side: %+v", c)
		}
		if !c.Kind.Valid() {
			t.Fatalf("card of kind %q: %+v", c.Kind, c)
		}
		if ids[c.ID] {
			t.Fatalf("ID %s repeats", c.ID)
		}
		ids[c.ID] = true
	}
}

// FuzzCompileMarkdown checks that compiling any Markdown never panics and
// that every deck it returns has non-empty fronts and backs, unique IDs,
// and survives the deck file.
// The committed corpus is under testdata/fuzz/FuzzCompileMarkdown.
func FuzzCompileMarkdown(f *testing.F) {
	f.Add([]byte("# T\n\n## 1. What?\n\nThat.\n\n- A: b\n\n| x | y |\n|---|---|\n| 1 | 2 |\n"))
	f.Add([]byte("<details><summary>Q?</summary>\n\nA.\n\n</details>\n\n### 1. Pick\n\n- [x] one\n- [ ] two\n"))
	f.Add([]byte(clozeChapter + "\n![a diagram](d.png)\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		d, _, err := Compile("f.md", src, Options{})
		if err != nil {
			return
		}
		checkCompiled(t, d)
		roundTrip(t, d)
	})
}

// markdownShaped returns about size bytes of Markdown holding every shape
// the Markdown parser reads, numbered so no two cards are alike. Answers run
// to a few sentences, as in the labelled chapters (about 2,500 cards a MB).
func markdownShaped(size int) []byte {
	const prose = "It scales with the load and bills by the millisecond, so an idle function costs nothing. "
	var b strings.Builder
	b.WriteString("# Benchmark Notes\n\n")
	for n := 0; b.Len() < size; n++ {
		fmt.Fprintf(&b, "## Part %d\n\n### %d. What does service %d do?\n\nIt runs *code* for **event** %d without servers. %s%s\n\n```js\nexports.h%d = async () => %d;\n```\n\n", n, n, n, n, prose, prose, n, n)
		fmt.Fprintf(&b, "- Term %d: meaning of term %d, %s\n- Other %d – another meaning\n\n| Limit | Value |\n|---|---|\n| Limit %d | %d MB |\n\n", n, n, prose, n, n, n)
		fmt.Fprintf(&b, "<details>\n<summary>Why pick option %d?</summary>\n\nBecause it scales to %d. %s\n\n</details>\n\n", n, n, prose)
		fmt.Fprintf(&b, "**Q%d.** Which queue keeps order %d?\n\nA) Standard\nB) FIFO\n\nCorrect answer: B. Only FIFO %d. %s\n\n", n, n, n, prose)
		fmt.Fprintf(&b, "✅ %d. How is run %d billed?\n\t•\tPer request\n\t•\tPer GB-second %d\n\n", n, n, n)
		fmt.Fprintf(&b, "Some prose that is no card, written to pad the page like a real one. %s%s\n\n", prose, prose)
	}
	return []byte(b.String())
}

// BenchmarkCompileMarkdown compiles a 1 MB Markdown chapter; the target is
// at least 10 MB/s.
func BenchmarkCompileMarkdown(b *testing.B) {
	src := markdownShaped(1 << 20)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	var cards int
	start := cpuTime()
	for b.Loop() {
		d, _, err := Compile("bench.md", src, Options{})
		if err != nil {
			b.Fatal(err)
		}
		cards = len(d.Cards)
	}
	reportCPU(b, start, len(src))
	b.ReportMetric(float64(cards), "cards")
}

// reportCPU reports throughput per second of CPU time used since start
// (all threads, the collector's included), which a busy machine does not
// distort the way it distorts MB/s of wall time.
func reportCPU(b *testing.B, start time.Duration, size int) {
	used := cpuTime() - start
	if start == 0 || used <= 0 {
		return
	}
	b.ReportMetric(float64(size)*float64(b.N)/1e6/used.Seconds(), "MB/cpu-s")
}

// qMarked does by hand what this regexp does.
var qMarkerRE = regexp.MustCompile(`^(?:[ \t#•·▪◦●✅✔☑❓❔➤►▶🔥⭐🌟💡📌👉-]|\*\*|\x{FE0F}|\x{20E3})*(?:\d{1,5}[.)]?[ \t]*)?(?:Q(?:uestion)?[ \t]*\d*[ \t]*[.:)]|Q\d+[ \t])`)

func TestQMarked(t *testing.T) {
	for _, s := range []string{
		"Q: why", "Q3. why", "Q 3: why", "Question 2: why", "Question: why", "Questions: why", "Q4 why", "Q4why",
		"1. Q: why", "12) Q3. why", "✅ Q: why", "✅#   1. What", "**Q4.** Which", "** Q:", "#Q)", "Quick: no", "Q", "",
		"1️⃣ Q: x", "• Q. x", "Q\t7\t:", "QQ:", "1234. Q:", "123456. Q:", "1.Q:", "- Question 3) x", "🔥 Q: x",
	} {
		if got, want := qMarked(s), qMarkerRE.MatchString(s); got != want {
			t.Errorf("qMarked(%q) = %v, want %v", s, got, want)
		}
	}
}

// questionLead does by hand what this regexp does.
var questionLeadRE = regexp.MustCompile(`^(?:[ \t#•·▪◦●✅✔☑❓❔➤►▶🔥⭐🌟💡📌👉-]|\*\*|\x{FE0F}|\x{20E3})*(?:(?:Q(?:uestion)?[ \t]*(\d{0,5})[ \t]*[.:)]|Q(\d{1,5})[ \t]|(\d{1,5})(?:[ \t]*[.:)]|\x{FE0F}?\x{20E3})?(?:[ \t]|\*\*))(?:\*\*|[ \t])*)?`)

func TestQuestionLead(t *testing.T) {
	for _, s := range []string{
		"Q: why", "Q3. why", "Q 3: why", "Question 2: why", "Question: why", "Questions: why", "Q4 why", "Q4why",
		"1. Q: why", "12) Q3. why", "✅ Q: why", "✅#   1. What", "**Q4.** Which", "** Q:", "#Q)", "Quick: no", "Q", "",
		"1️⃣ Amazon", "1⃣ x", "• Q. x", "Q\t7\t:", "1234. x", "123. x", "12345. x", "123456. x", "⭐ Q: x", "1.What", "1. **What**", "8\tWhat", "6.\t How",
		"12 . x", "1:x", "1: x", "3 ways", "**7.** x", "- 2) x", "✅6.\t How", "Q12", "Question", "Q:", "1.", "1",
	} {
		rest, num := questionLead(s)
		loc := questionLeadRE.FindStringSubmatchIndex(s)
		wantNum := 0
		for _, g := range [][2]int{{loc[2], loc[3]}, {loc[4], loc[5]}, {loc[6], loc[7]}} {
			if g[0] >= 0 && g[1] > g[0] {
				wantNum, _ = strconv.Atoi(s[g[0]:g[1]])
			}
		}
		if want := s[loc[1]:]; rest != want || num != wantNum {
			t.Errorf("questionLead(%q) = %q, %d, want %q, %d", s, rest, num, want, wantNum)
		}
	}
}

func TestOpenDetails(t *testing.T) {
	tests := []struct {
		raw, summary string
		ok           bool
	}{
		{"<details>\n", "", true},
		{"<details open>\n<summary>1. Why?</summary>\n", "1. Why?", true},
		{"<DETAILS><SUMMARY>Q &amp; A?</SUMMARY>", "Q &amp; A?", true},
		{"<details>\n<summary><b>Why?</b></summary>\n", "", false},
		{"<details><summary>Why?</summary>Because.</details>", "", false},
		{"<detailsx>", "", false},
		{"<div>", "", false},
	}
	for _, tt := range tests {
		summary, ok := openDetails(tt.raw)
		if summary != tt.summary || ok != tt.ok {
			t.Errorf("openDetails(%q) = %q, %v, want %q, %v", tt.raw, summary, ok, tt.summary, tt.ok)
		}
	}
}

// A Markdown chapter read a piece at a time gives the cards the whole does:
// every Markdown chapter of the shared set, read at run time, cut into
// pieces of a few KiB, and one of our own with code, raw HTML and
// <details> across the cuts.
func TestMarkdownPieces(t *testing.T) {
	own := strings.Repeat("# Part\n\n```\n# not a heading\n```\n\n<!--\n# nor this\n-->\n\n"+
		"<details><summary>What is a queue?</summary>\n\n# Inside\n\nA buffer between producers and consumers.\n\n</details>\n\n"+
		"## Questions\n\n1. What is SQS?\n   A queue service.\n\n- **Term**: its definition here.\n\n", 40)
	texts := map[string]string{"own": own}
	// Reference links need their definitions in the same piece.
	addSharedChapters(t, texts, "*.md", func(text string) bool { return !strings.Contains(text, "]:") })
	for name, text := range texts {
		cards := func(size int) []Card {
			rest, syn := scanSyntax(text)
			doc := lowerMarkdownPieces(rest, size)
			doc.blocks = mergeByLine(doc.blocks, syn)
			return find(doc).cards
		}
		whole, cut := cards(len(text)+1), cards(2048)
		if pieces, _ := mdPieces(text, 2048); name == "own" && len(pieces) < 2 {
			t.Errorf("%s: not cut into pieces", name)
		}
		if !reflect.DeepEqual(whole, cut) {
			t.Errorf("%s: %d cards read whole, %d read in pieces", name, len(whole), len(cut))
			for i := range min(len(whole), len(cut)) {
				if !reflect.DeepEqual(whole[i], cut[i]) {
					t.Errorf("first difference, card %d:\n%+v\n%+v", i, whole[i], cut[i])
					break
				}
			}
		}
	}
}

// TestMarkdownBlockCount checks the count of top-level blocks that
// mdPieces makes, to size the blocks' array, against the blocks lowered: it
// must not be short, or the array grows by copies, nor much over.
func TestMarkdownBlockCount(t *testing.T) {
	unit := "## Queues\nA queue holds messages\nuntil a consumer reads them.\n\n- one item\n- two items\n\n" +
		"```\ncode line\n\n# not a heading\n```\nAfter the code.\n\n1. first step\n2. second step\n\n" +
		"> a quote\n> on two lines\n\n<!--\n\n# nor this\n\n-->\n\n"
	for _, n := range []int{1, 40} {
		src := strings.Repeat(unit, n)
		_, got := mdPieces(src, 512)
		want := len(lowerMarkdownPieces(src, 512).blocks)
		// The comment is counted as a block, though it makes none.
		if got < want || got > want*8/7 {
			t.Errorf("%d units: mdPieces counts %d blocks, lowering makes %d", n, got, want)
		}
	}
}
