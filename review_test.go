package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"time"

	"github.com/charmbracelet/x/ansi"

	"spaced/deck"
	"spaced/srs"
)

// reviewEnv returns an environment with a new, empty collection.
func reviewEnv(t testing.TB) map[string]string {
	t.Helper()
	return map[string]string{"SPACED_DB": filepath.Join(t.TempDir(), "collection.db"), "HOME": "/nonexistent"}
}

// reviewRun runs 'review' with args, reading input as standard input.
func reviewRun(t testing.TB, env map[string]string, input string, args ...string) result {
	t.Helper()
	return spacedIn(t, strings.NewReader(input), env, append([]string{"review"}, args...)...)
}

// reviewItems returns the active cards of the collection in deck order.
func reviewItems(t testing.TB, env map[string]string) []srs.Item {
	t.Helper()
	s, err := srs.Open(env["SPACED_DB"], srs.ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	items, err := s.Cards(readFilterZero, false)
	if err != nil {
		t.Fatal(err)
	}
	return items
}

// graded returns the grades in the review log that were not undone, in log
// order, each as "I:Q" (I the card's position in deck order), "I:Qd" for a
// drill grade, with the study day when it is not testNow's.
func graded(t testing.TB, env map[string]string) []string {
	t.Helper()
	items := reviewItems(t, env)
	s, err := srs.Open(env["SPACED_DB"], srs.ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var all []srs.Review
	pos := make(map[string]int)
	for i, it := range items {
		pos[it.Card.ID] = i
		h, err := s.History(it.Card.ID)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, h...)
	}
	slices.SortFunc(all, func(a, b srs.Review) int { return int(a.ID - b.ID) })
	out := []string{}
	for _, r := range all {
		g := fmt.Sprintf("%d:%d", pos[r.CardID], r.Quality)
		if r.Drill {
			g += "d"
		}
		if r.Day.String() != "2026-03-10" {
			g += "@" + r.Day.String()
		}
		out = append(out, g)
	}
	return out
}

// shown returns the position in deck order of each card the line protocol
// printed, and its "[n/N]".
func shown(t testing.TB, env map[string]string, stdout string) []string {
	t.Helper()
	items := reviewItems(t, env)
	out := []string{}
	var head string
	for _, l := range strings.Split(stdout, "\n") {
		if strings.HasPrefix(l, "[") {
			head, _, _ = strings.Cut(l, " ")
		}
		if front, ok := strings.CutPrefix(l, "Q: "); ok {
			i := slices.IndexFunc(items, func(it srs.Item) bool { return it.Card.Front == front })
			out = append(out, fmt.Sprintf("%d%s", i, head))
		}
	}
	return out
}

func wantList(t testing.TB, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

func TestReviewLinesProtocol(t *testing.T) {
	env := reviewEnv(t)
	r := reviewRun(t, env, "4\n")
	r.want(t, 0, "spaced: the collection was empty: added the built-in deck Serverless Architecture::Chapter 20")
	if n := strings.Count(r.stderr, "\n"); n != 1 {
		t.Errorf("stderr has %d lines, want the one line about the built-in deck:\n%s", n, r.stderr)
	}
	items := reviewItems(t, env)
	var want strings.Builder
	for i, it := range items[:2] {
		fmt.Fprintf(&want, "[%d/%d] %s · %s\nQ: %s\nA: %s\n", i+1, len(items), it.Deck, it.Card.Section, it.Card.Front, it.Card.Back)
	}
	want.WriteString("18 cards left in today's queue.\n")
	if !strings.HasPrefix(r.stdout, want.String()) {
		t.Errorf("stdout:\n%s\nwant it to start with:\n%s", r.stdout, want.String())
	}
	for _, s := range []string{"Reviewed:      1 card (1 new, 0 due)\n", "Grades:        0:0 1:0 2:0 3:0 4:1 5:0\n", "Drill repeats: 0\n", "Time spent:    0s\n", "Due tomorrow:  1 card\n"} {
		if !strings.Contains(r.stdout, s) {
			t.Errorf("summary lacks %q:\n%s", s, r.stdout)
		}
	}
	wantList(t, "grades", graded(t, env), []string{"0:4"})

	// The built-in deck is added once.
	r = reviewRun(t, env, "")
	r.want(t, 0)
	if r.stderr != "" {
		t.Errorf("second review: stderr %q, want none", r.stderr)
	}
}

func TestReviewLinesLimitsAcrossSessions(t *testing.T) {
	env := reviewEnv(t)
	steps := []struct {
		args  []string
		input string
		shown []string
	}{
		{[]string{"--new", "2"}, "4\n5\n", []string{"0[1/2]", "1[2/2]"}},
		// --new counts the new cards of the whole study day.
		{[]string{"--new", "3"}, "4\n", []string{"2[1/1]"}},
		{[]string{"--new", "3"}, "4\n", []string{}},
		{nil, "q\n", []string{"3[1/16]"}},
		// The next day the three cards are due; --limit counts the day's reviews.
		{[]string{"--today", "2026-03-11", "--limit", "2", "--new", "0"}, "4\n4\n", []string{"0[1/2]", "1[2/2]"}},
		{[]string{"--today", "2026-03-11", "--limit", "2", "--new", "0"}, "4\n", []string{}},
		{[]string{"--today", "2026-03-11", "--limit", "3", "--new", "0"}, "5\n", []string{"2[1/1]"}},
	}
	for i, s := range steps {
		r := reviewRun(t, env, s.input, s.args...)
		if r.code != 0 {
			t.Fatalf("session %d: exit %d: %s", i+1, r.code, r.stderr)
		}
		wantList(t, fmt.Sprintf("session %d: cards shown", i+1), shown(t, env, r.stdout), s.shown)
		if len(s.shown) == 0 && !strings.Contains(r.stdout, "Nothing to review on") {
			t.Errorf("session %d: stdout %q, want it to say there is nothing to review", i+1, r.stdout)
		}
	}
	wantList(t, "grades", graded(t, env), []string{"0:4", "1:5", "2:4", "0:4@2026-03-11", "1:4@2026-03-11", "2:5@2026-03-11"})
}

func TestReviewLinesDrill(t *testing.T) {
	env := reviewEnv(t)
	// Card 0 graded 2 comes back after the new cards, and again after a 3.
	r := reviewRun(t, env, "2\n4\n3\n", "--new", "2")
	r.want(t, 0)
	wantList(t, "session 1: cards shown", shown(t, env, r.stdout), []string{"0[1/2]", "1[2/3]", "0[3/3]", "0[4/4]"})
	if !strings.Contains(r.stdout, "Drill repeats: 1 (1 card still to drill today)\n") {
		t.Errorf("summary of session 1:\n%s\nwant 1 drill repeat and 1 card still to drill", r.stdout)
	}
	// The drill survives a restart and ends with a 4 or 5.
	r = reviewRun(t, env, "5\n", "--new", "2")
	r.want(t, 0)
	wantList(t, "session 2: cards shown", shown(t, env, r.stdout), []string{"0[1/1]"})
	if !strings.Contains(r.stdout, "Done for today.\n") {
		t.Errorf("session 2 summary:\n%s\nwant done for today", r.stdout)
	}
	r = reviewRun(t, env, "", "--new", "2")
	wantList(t, "session 3: cards shown", shown(t, env, r.stdout), []string{})
	wantList(t, "grades", graded(t, env), []string{"0:2", "1:4", "0:3d", "0:5d"})

	// A drill is gone the next day.
	env = reviewEnv(t)
	reviewRun(t, env, "1\n", "--new", "1").want(t, 0)
	r = reviewRun(t, env, "", "--new", "0", "--limit", "0", "--today", "2026-03-11")
	wantList(t, "next day: cards shown", shown(t, env, r.stdout), []string{})
}

func TestReviewLinesUndo(t *testing.T) {
	env := reviewEnv(t)
	// The card undone is shown again at once.
	r := reviewRun(t, env, "4\nu\n5\n4\n", "--new", "2")
	r.want(t, 0)
	wantList(t, "cards shown", shown(t, env, r.stdout), []string{"0[1/2]", "1[2/2]", "0[1/2]", "1[2/2]"})
	wantList(t, "grades", graded(t, env), []string{"0:5", "1:4"})

	// Undo reaches grades of an earlier session of the day, and a drill
	// grade.
	env = reviewEnv(t)
	reviewRun(t, env, "2\n", "--new", "2").want(t, 0)
	r = reviewRun(t, env, "u\nq\n", "--new", "2")
	r.want(t, 0)
	wantList(t, "cards shown after an undo of an earlier session", shown(t, env, r.stdout), []string{"1[1/2]", "0[1/2]"})
	wantList(t, "grades", graded(t, env), []string{})

	// Nothing to undo is said on stderr, and the session goes on.
	env = reviewEnv(t)
	r = reviewRun(t, env, "u\n3\n", "--new", "1")
	r.want(t, 0, "spaced: review: input line 1: nothing to undo today")
	wantList(t, "cards shown", shown(t, env, r.stdout), []string{"0[1/1]", "0[2/2]"})
	wantList(t, "grades", graded(t, env), []string{"0:3"})
}

func TestReviewLinesSkipQuitEnd(t *testing.T) {
	for _, c := range []struct {
		name, input string
		shown       []string
		grades      []string
		summary     string
	}{
		{"skip", "s\n4\n", []string{"0[1/3]", "1[2/3]", "2[3/3]"}, []string{"1:4"}, "Skipped:       1\n"},
		{"quit", "4\nq\n4\n", []string{"0[1/3]", "1[2/3]"}, []string{"0:4"}, "2 cards left in today's queue.\n"},
		{"skip then quit", "s\n4\nq\n", []string{"0[1/3]", "1[2/3]", "2[3/3]"}, []string{"1:4"}, "2 cards left in today's queue.\n"},
		{"end of input", "4\n\n5", []string{"0[1/3]", "1[2/3]", "2[3/3]"}, []string{"0:4", "1:5"}, "1 card left in today's queue.\n"},
		{"blank lines and CRLF", "\n\r\n  \n4\r\n 5 \n\t5\n", []string{"0[1/3]", "1[2/3]", "2[3/3]"}, []string{"0:4", "1:5", "2:5"}, "Done for today.\n"},
		{"queue done before the input", "4\n4\n4\n4\n4\n", []string{"0[1/3]", "1[2/3]", "2[3/3]"}, []string{"0:4", "1:4", "2:4"}, "Done for today.\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			env := reviewEnv(t)
			r := reviewRun(t, env, c.input, "--new", "3")
			r.want(t, 0)
			wantList(t, "cards shown", shown(t, env, r.stdout), c.shown)
			wantList(t, "grades", graded(t, env), c.grades)
			if !strings.Contains(r.stdout, c.summary) {
				t.Errorf("stdout:\n%s\nwant %q", r.stdout, c.summary)
			}
		})
	}
}

func TestReviewLinesBadLine(t *testing.T) {
	for _, c := range []struct {
		input, msg string
		grades     []string
	}{
		{"4\nx\n4\n", `review: input line 2: "x" is not a grade 0-5, s, u or q`, []string{"0:4"}},
		{"\n4\n 6 \n", `input line 3: " 6 "`, []string{"0:4"}},
		{"3\n5\n44\n", `input line 3: "44"`, []string{"0:3", "1:5"}},
		{"quit\n", `input line 1: "quit"`, []string{}},
		{"4\r\nQ\r\n", `input line 2: "Q"`, []string{"0:4"}},
	} {
		env := reviewEnv(t)
		r := reviewRun(t, env, c.input, "--new", "3")
		r.want(t, 2, c.msg)
		wantList(t, fmt.Sprintf("%q: grades", c.input), graded(t, env), c.grades)
	}
}

func TestReviewLinesFilter(t *testing.T) {
	env := reviewEnv(t)
	r := reviewRun(t, env, "4\n", "--section", "cloud certifications")
	r.want(t, 0)
	items := reviewItems(t, env)
	var want []string
	for i, it := range items {
		if strings.Contains(strings.ToLower(it.Card.Section), "cloud certifications") {
			want = append(want, fmt.Sprintf("%d[%d/%d]", i, len(want)+1, 4))
		}
	}
	// The card graded and the next one, before the end of the input.
	wantList(t, "cards shown", shown(t, env, r.stdout), want[:2])
}

func TestReviewMisuse(t *testing.T) {
	for _, args := range [][]string{
		{"extra"},
		{"--new", "-1"},
		{"--limit", "-5"},
		{"--new", "many"},
		{"--today", "2026-02-30"},
	} {
		r := reviewRun(t, reviewEnv(t), "4\n", args...)
		r.want(t, 2, "spaced: ")
	}
}

func TestReviewTextIndented(t *testing.T) {
	var b strings.Builder
	c := reviewCard{n: 1, total: 2}
	c.Deck, c.Card.Section = "D", "S"
	c.Card.Front, c.Card.Back = "line one\nQ: two", "A: a\r\n[1/1] b"
	writeCardLines(&b, c)
	want := "[1/2] D · S\nQ: line one\n   Q: two\nA: A: a\n   [1/1] b\n"
	if b.String() != want {
		t.Errorf("writeCardLines = %q, want %q", b.String(), want)
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
		{"\x1b[A", nil},   // an arrow key
		{"\x1b[15~", nil}, // F5, which ends in a digit
		{" 4", []input{{act: actReveal}, {actGrade, 4}}},
	} {
		if got := keysIn([]byte(c.read)); !slices.Equal(got, c.want) {
			t.Errorf("keysIn(%q) = %v, want %v", c.read, got, c.want)
		}
	}
}

func TestRenderFitsTheScreen(t *testing.T) {
	c := reviewCard{n: 3, total: 40, new: 12, review: 25, drill: 1}
	c.Kind = srs.QueueReview
	c.Deck, c.Card.Section = "Serverless Architecture::Chapter 20", "Part 1: Core Architectural Interview Questions"
	c.Card.Front = "What is a **cold start** and how do you `reduce` it in a *latency-sensitive* API? " + strings.Repeat("Explain. ", 30)
	c.Card.Back = strings.Repeat("Provisioned concurrency keeps environments warm; ", 20) + "\nAnd a_very_long_identifier_" + strings.Repeat("x", 200)
	c.State = srs.State{Repetitions: 2, EF: 250, Interval: 6, Due: 100, Last: 94}
	for _, st := range []styles{{}, {attrs: true}, {attrs: true, colour: true}} {
		for _, w := range []int{20, 40, 80, 132} {
			for _, h := range []int{5, 12, 24, 60} {
				for _, v := range []cardView{{card: c}, {card: c, revealed: true, status: "✓ " + strings.Repeat("long status ", 20)}, {done: true, graded: 7}} {
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
	// A long answer takes the room of the front.
	lines := cardView{card: c, revealed: true}.render(80, 24, styles{})
	if want := " Q What is a **cold start** and how do you `reduce` it in a *latency-sensitive*…"; lines[3] != want {
		t.Errorf("front above a long answer = %q, want %q", lines[3], want)
	}
	if want := " A Provisioned concurrency"; !strings.HasPrefix(lines[5], want) {
		t.Errorf("line 5 = %q, want the answer to start with %q", lines[5], want)
	}
	c.Card.Back = "Provisioned concurrency keeps environments warm."
	lines = cardView{card: c, revealed: true}.render(80, 24, styles{})
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
	lines = cardView{card: c, revealed: true}.render(80, 24, styles{})
	if want := " 0 blank  1 wrong  2 almost  3 hard → again today   4 good  5 easy → done"; lines[22] != want {
		t.Errorf("drill legend = %q, want %q", lines[22], want)
	}
	if !strings.HasPrefix(lines[1], "DRILL · ") {
		t.Errorf("drill header = %q, want it marked DRILL", lines[1])
	}
}

func TestMarkdownOnTerminal(t *testing.T) {
	st := styles{attrs: true}
	for _, c := range []struct{ in, want string }{
		{"plain", "plain"},
		{"a **b** c", "a \x1b[1mb\x1b[m c"},
		{"a *b* c", "a \x1b[3mb\x1b[m c"},
		{"run `ls -l` now", "run \x1b[7mls -l\x1b[m now"},
		{"5 * 3 * 2", "5 * 3 * 2"},
		{"a ** b", "a ** b"},
		{`\*x\*`, "*x*"},
		{"*a **b** c*", "\x1b[3ma **b** c\x1b[m"},
		{"**open\nclose**", "**open\nclose**"},
	} {
		if got := st.markdown(c.in); got != c.want {
			t.Errorf("markdown(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := (styles{}).markdown("a **b**"); got != "a **b**" {
		t.Errorf("markdown without attributes = %q, want the text as it is", got)
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

// readFilterZero selects every card.
var readFilterZero deck.Filter

func secs(n int) time.Duration { return time.Duration(n) * time.Second }

// TestReviewLinesSignal ends a piped session waiting for input with a signal:
// the summary is printed, and the exit status is 128 + the signal's number.
// A change of the terminal's size (SIGWINCH) is no reason to end.
func TestReviewLinesSignal(t *testing.T) {
	env := reviewEnv(t)
	reviewRun(t, env, "").want(t, 0) // the collection, with the built-in deck
	s, err := srs.Open(env["SPACED_DB"], srs.Write)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	outR, outW := io.Pipe()
	inR, inW := io.Pipe()
	a := &app{stdout: outW, stderr: io.Discard, getenv: func(string) string { return "" }, now: func() time.Time { return testNow }}
	r := newReviewSession(s, srs.StudyDay(testNow, 4), srs.DefaultLimits, deck.Filter{}, a.now)
	sigs := make(chan os.Signal, 1)
	done := make(chan error, 1)
	go func() {
		done <- a.reviewLines(r, inR, sigs)
		outW.Close()
	}()
	sc := bufio.NewScanner(outR)
	var out []string
	wait := func(prefix string) {
		t.Helper()
		for sc.Scan() {
			out = append(out, sc.Text())
			if strings.HasPrefix(sc.Text(), prefix) {
				return
			}
		}
		t.Fatalf("no line %q in:\n%s", prefix, strings.Join(out, "\n"))
	}
	wait("[1/19]")
	sigs <- syscall.SIGWINCH
	io.WriteString(inW, "4\n")
	wait("[2/19]")
	sigs <- os.Interrupt
	wait("Due tomorrow:")
	var ee *exitError
	if err := <-done; !errors.As(err, &ee) || ee.code != 130 {
		t.Errorf("reviewLines ended with %v, want exit status 130", err)
	}
	if !slices.Contains(out, "18 cards left in today's queue.") {
		t.Errorf("summary:\n%s\nwant 18 cards left", strings.Join(out, "\n"))
	}
	inW.Close()
	wantList(t, "grades", graded(t, env), []string{"0:4"})
}
