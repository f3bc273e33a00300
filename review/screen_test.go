package review

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"spaced/internal/testenv"
	"spaced/srs"
)

func secs(n int) time.Duration { return time.Duration(n) * time.Second }

func TestReviewTextIndented(t *testing.T) {
	var b strings.Builder
	c := Card{N: 1, Total: 2}
	c.Deck, c.Card.Section = "D", "S"
	c.Card.Front, c.Card.Back = "line one\nQ: two", "A: a\r\n[1/1] b"
	writeCard(&b, c)
	want := "[1/2] D · S\nQ: line one\n   Q: two\nA: A: a\n   [1/1] b\n.\n"
	if b.String() != want {
		t.Errorf("writeCard = %q, want %q", b.String(), want)
	}
}

func TestParseLine(t *testing.T) {
	for _, c := range []struct {
		line      string
		in        input
		blank, ok bool
	}{
		{"0\n", input{actGrade, 0}, false, true},
		{" 5 \r\n", input{actGrade, 5}, false, true},
		{"s", input{act: actSkip}, false, true},
		{"u\n", input{act: actUndo}, false, true},
		{"q\n", input{act: actQuit}, false, true},
		{"\n", input{}, true, false},
		{" \t\r\n", input{}, true, false},
		{"6\n", input{}, false, false},
		{"-1\n", input{}, false, false},
		{"S\n", input{}, false, false},
		{"4 4\n", input{}, false, false},
	} {
		in, blank, ok := parseLine(c.line)
		if in != c.in || blank != c.blank || ok != c.ok {
			t.Errorf("parseLine(%q) = %v, %v, %v, want %v, %v, %v", c.line, in, blank, ok, c.in, c.blank, c.ok)
		}
	}
}

func TestKeysIn(t *testing.T) {
	for _, c := range []struct {
		read string
		want []input
	}{
		{" ", []input{{act: actReveal}}},
		{"\r", []input{{act: actReveal}}},
		{"3", []input{{actGrade, 3}}},
		{"9x", nil},
		{"u", []input{{act: actUndo}}},
		{"s", []input{{act: actSkip}}},
		{"q", []input{{act: actQuit}}},
		{"\x04", []input{{act: actQuit}}},
		{"\x03", []input{{act: actInterrupt}}},
		{"\x1b[A", []input{{actScroll, -1}}}, // an arrow key
		{"\x1b[6~", []input{{actScroll, scrollPage}}},
		{"?-@", []input{{act: actHelp}, {act: actBury}, {act: actSuspend}}},
		{"\x1b[15~", nil}, // F5, which ends in a digit
		{" 4", []input{{act: actReveal}, {actGrade, 4}}},
	} {
		if got := keysIn([]byte(c.read)); !slices.Equal(got, c.want) {
			t.Errorf("keysIn(%q) = %v, want %v", c.read, got, c.want)
		}
	}
}

func TestRenderFitsTheScreen(t *testing.T) {
	c := Card{N: 3, Total: 40, New: 12, Review: 25, Drill: 1}
	c.Kind = srs.QueueReview
	c.Deck, c.Card.Section = "Serverless Architecture::Chapter 20", "Part 1: Core Architectural Interview Questions"
	c.Card.Front = "What is a **cold start** and how do you `reduce` it in a *latency-sensitive* API? " + strings.Repeat("Explain. ", 30)
	c.Card.Back = strings.Repeat("Provisioned concurrency keeps environments warm; ", 20) + "\nAnd a_very_long_identifier_" + strings.Repeat("x", 200)
	c.State = srs.State{Repetitions: 2, EF: 250, Interval: 6, Due: 100, Last: 94}
	for _, st := range []Styles{{}, {Attrs: true}, {Attrs: true, Colour: true}} {
		for _, w := range []int{20, 40, 80, 132} {
			for _, h := range []int{5, 12, 24, 60} {
				for _, v := range []view{{card: c}, {card: c, revealed: true, status: "✓ " + strings.Repeat("long status ", 20)}, {done: true, graded: 7}} {
					lines := v.render(w, h, st)
					if len(lines) != max(h, 7) {
						t.Errorf("render(%d, %d) gives %d lines, want %d", w, h, len(lines), max(h, 7))
					}
					for i, l := range lines {
						if n := ansi.StringWidth(l); n > w {
							t.Errorf("render(%d, %d, %+v) line %d is %d columns wide: %q", w, h, st, i, n, l)
						}
					}
				}
			}
		}
	}
	// A long answer scrolls: revealed, the window starts at the answer and
	// says the question is above; Home shows the question, whole.
	v := view{card: c, revealed: true, toAnswer: true}
	v.settle(80, 24, Styles{})
	lines := v.render(80, 24, Styles{})
	if want := " A Provisioned concurrency"; !strings.HasPrefix(lines[3], want) {
		t.Errorf("line 3 = %q, want the answer to start with %q", lines[3], want)
	}
	if more := lines[20]; !strings.HasPrefix(more, " ▲ 6 more · ▼ 1 more") {
		t.Errorf("the last line of the text = %q, want what is above and below", more)
	}
	v.scrollBy(scrollTop, 24)
	v.settle(80, 24, Styles{})
	lines = v.render(80, 24, Styles{})
	if want := " Q What is a **cold start** and how do you `reduce` it in a *latency-sensitive*"; lines[3] != want {
		t.Errorf("front after Home = %q, want %q", lines[3], want)
	}
	v.scrollBy(scrollEnd, 24)
	v.settle(80, 24, Styles{})
	if lines = v.render(80, 24, Styles{}); !strings.Contains(lines[20], "▲") || strings.Contains(lines[20], "▼") {
		t.Errorf("after End the last line = %q, want only more above", lines[20])
	}
	c.Card.Back = "Provisioned concurrency keeps environments warm."
	lines = view{card: c, revealed: true}.render(80, 24, Styles{})
	for i, want := range map[int]string{
		0:  "new 12 · review 25 · drill 1",
		1:  "Serverless Architecture::Chapter 20 · Part 1: Core Architectural Interview Ques…",
		3:  " Q What is a **cold start** and how do you `reduce` it in a *latency-sensitive*",
		22: " 0 blank 1d  1 wrong 1d  2 almost 1d  3 hard 15d  4 good 15d  5 easy 15d",
	} {
		if !strings.HasPrefix(lines[i], want) {
			t.Errorf("line %d = %q, want it to start with %q", i, lines[i], want)
		}
	}
	if !strings.HasSuffix(lines[0], "0 graded  [3/40]") {
		t.Errorf("line 0 = %q, want the grades and the position at its end", lines[0])
	}
	if !strings.HasPrefix(lines[4], "   API? Explain.") {
		t.Errorf("line 4 = %q, want the front to hang under its first line", lines[4])
	}
	c.Kind = srs.QueueDrill
	lines = view{card: c, revealed: true}.render(80, 24, Styles{})
	if want := " 0 blank  1 wrong  2 almost  3 hard → again today   4 good  5 easy → done"; lines[22] != want {
		t.Errorf("drill legend = %q, want %q", lines[22], want)
	}
	if !strings.HasPrefix(lines[1], "DRILL · ") {
		t.Errorf("drill header = %q, want it marked DRILL", lines[1])
	}
}

func TestMarkupOnTerminal(t *testing.T) {
	st := Styles{Attrs: true}
	for _, c := range []struct{ in, want string }{
		{"plain", "plain"},
		{"a **b** c", "a \x1b[1mb\x1b[m c"},
		{"a *b* c", "a \x1b[3mb\x1b[m c"},
		{"run `ls -l` now", "run \x1b[7mls -l\x1b[m now"},
		{"5 * 3 * 2", "5 * 3 * 2"},
		{"a ** b", "a ** b"},
		{`\*x\*`, "*x*"},
		{"*a **b** c*", "\x1b[3ma \x1b[m\x1b[1;3mb\x1b[m\x1b[3m c\x1b[m"},
		{"**open\nclose**", "\x1b[1mopen\x1b[m\n\x1b[1mclose\x1b[m"},
	} {
		if got := st.markup(c.in); got != c.want {
			t.Errorf("markup(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := (Styles{}).markup("a **b**"); got != "a **b**" {
		t.Errorf("markup without attributes = %q, want the text as it is", got)
	}
}

func TestSummaryTexts(t *testing.T) {
	for d, want := range map[int]string{0: "0s", 59: "59s", 60: "1m 00s", 245: "4m 05s", 3720: "1h 02m"} {
		if got := spentText(secs(d)); got != want {
			t.Errorf("spentText(%ds) = %q, want %q", d, got, want)
		}
	}
	for d, want := range map[int]string{1: "1d", 99: "99d", 100: "3mo", 364: "12mo", 365: "1.0y", 548: "1.5y"} {
		if got := intervalText(d); got != want {
			t.Errorf("intervalText(%d) = %q, want %q", d, got, want)
		}
	}
}

// The review screen draws the awkward texts as deck.Spans reads them, as
// the Anki HTML and the PDF do.
func TestMarkupAgreesWithSpans(t *testing.T) {
	st := Styles{Attrs: true}
	for _, tc := range testenv.MarkupCases {
		if got := sgrRuns(st.markup(tc.Text)); fmt.Sprint(got) != fmt.Sprint(tc.Runs) {
			t.Errorf("markup(%q) = %q: runs %v, want %v", tc.Text, st.markup(tc.Text), got, tc.Runs)
		}
	}
}

// sgrRuns reads back the runs of text drawn with SGR attributes: 1 bold
// (strong), 3 italic (em), 7 reverse (code), each reset by ESC [ m.
func sgrRuns(s string) []testenv.Run {
	var runs []testenv.Run
	var cur testenv.Run
	for s != "" {
		if strings.HasPrefix(s, "\x1b[") {
			end := strings.IndexByte(s, 'm')
			cur = testenv.Run{}
			for _, a := range strings.Split(s[2:end], ";") {
				switch a {
				case "1":
					cur.Strong = true
				case "3":
					cur.Em = true
				case "7":
					cur.Code = true
				}
			}
			s = s[end+1:]
			continue
		}
		end := strings.Index(s, "\x1b[")
		if end < 0 {
			end = len(s)
		}
		r := cur
		r.Text = s[:end]
		if r.Text == "\n" && len(runs) > 0 {
			// The screen ends attributes at a line break: the break
			// belongs to the run it ends.
			runs[len(runs)-1].Text += "\n"
		} else {
			runs = append(runs, r)
		}
		s = s[end:]
	}
	return testenv.Merge(runs)
}

// FuzzParseLine checks that any line of input is an answer, blank or
// refused, never a panic, and that what is accepted is one of the answers.
func FuzzParseLine(f *testing.F) {
	for _, s := range []string{"4", " 5 \r\n", "u", "q", "s", "", "yes", "44", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		in, blank, ok := parseLine(line)
		if blank && ok {
			t.Fatalf("parseLine(%q) is both blank and an answer", line)
		}
		if ok && strings.TrimSpace(line) != "" && len(strings.TrimSpace(line)) != 1 {
			t.Fatalf("parseLine(%q) = %+v accepted a line of more than one character", line, in)
		}
	})
}

// An empty sitting says which of the day's limits the review log reached,
// the reason the queue may be empty though cards are left.
func TestSummaryNamesLimits(t *testing.T) {
	day := srs.StudyDay(testNow, 4)
	for _, c := range []struct {
		newToday, reviewToday int
		want                  string
	}{
		{0, 0, "Nothing to review on " + day.String() + ".\n"},
		{2, 3, "Nothing to review on " + day.String() + ". The day's limit of 2 new cards (--new) is reached.\n"},
		{2, 5, "Nothing to review on " + day.String() + ". The day's limit of 2 new cards (--new) and of 5 reviews (--limit) is reached.\n"},
	} {
		var b strings.Builder
		s := Summary{Day: day, Limits: srs.Limits{New: 2, Review: 5}, NewToday: c.newToday, ReviewToday: c.reviewToday}
		if err := s.Write(&b); err != nil {
			t.Fatal(err)
		}
		if first, _, _ := strings.Cut(b.String(), "Reviewed:"); first != c.want {
			t.Errorf("%d new and %d reviews today: %q, want %q", c.newToday, c.reviewToday, first, c.want)
		}
	}
}

// The end screen offers the keys that still do something: no skip.
func TestEndScreenKeys(t *testing.T) {
	for _, c := range []struct {
		v    view
		skip bool
	}{{view{}, true}, {view{revealed: true}, true}, {view{done: true, graded: 3}, false}} {
		line := c.v.statusLine(80, Styles{})
		if strings.Contains(line, "s skip") != c.skip || !strings.Contains(line, "u undo") {
			t.Errorf("done %v: status line %q", c.v.done, line)
		}
	}
}
