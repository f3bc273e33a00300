package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

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
		fmt.Fprintf(&want, "[%d/%d] %s · %s\nQ: %s\nA: %s\n.\n", i+1, len(items), it.Deck, it.Card.Section, it.Card.Front, it.Card.Back)
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
		{"4\nx\n4\n", `review: input line 2: "x" is not a grade 0-5, s, u, -, @ or q`, []string{"0:4"}},
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

// readFilterZero selects every card.
var readFilterZero deck.Filter
