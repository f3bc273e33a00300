package deck

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"What is  a *Cold Start*?", "what is a cold start"},
		{"  CI/CD —  pipelines\n", "ci cd pipelines"},
		{"Straße", "strasse"},
		{"e\u0301", "é"}, // NFC
		{"Ω 日本語!", "ω 日本語"},
		{"...", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSimilarity(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"", "", 1},
		{"abc", "abc", 1},
		{"kitten", "sitting", 0}, // 1 − 3/7 is below 0.85
		{"ab", "abcdefghij", 0},  // the length difference alone rules it out
		{"abcdefghijklmnopqrst", "abcdefghijklmnopqrsx", 0.95},
		{"abcdefghij", "abcdefghijk", 1 - 1.0/11},
	}
	for _, tt := range tests {
		if got := similarity([]rune(tt.a), []rune(tt.b)); fmt.Sprintf("%.4f", got) != fmt.Sprintf("%.4f", tt.want) {
			t.Errorf("similarity(%q, %q) = %.4f, want %.4f", tt.a, tt.b, got, tt.want)
		}
	}
}

// levenshtein is the textbook distance, to check boundedDistance against.
func levenshtein(a, b []rune) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

func TestBoundedDistance(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	word := func() []rune {
		r := make([]rune, rng.IntN(30))
		for i := range r {
			r[i] = rune('a' + rng.IntN(3))
		}
		return r
	}
	for range 20000 {
		a, b, limit := word(), word(), rng.IntN(8)
		want := levenshtein(a, b)
		got := boundedDistance(a, b, limit)
		if want <= limit && got != want || want > limit && got <= limit {
			t.Fatalf("boundedDistance(%q, %q, %d) = %d, Levenshtein distance %d", string(a), string(b), limit, got, want)
		}
	}
}

var idPattern = regexp.MustCompile(`^[0-9a-z]{10}$`)

func compileBuiltin(t *testing.T, src string, old *Deck) *Deck {
	t.Helper()
	d, _, err := Compile(BuiltinPath, []byte(src), Options{Old: old})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestIDsAreStable(t *testing.T) {
	_, src := Builtin()
	a := compileBuiltin(t, string(src), nil)
	b := compileBuiltin(t, string(src), nil)
	c := compileBuiltin(t, string(src), a)
	seen := map[string]bool{}
	for i := range a.Cards {
		id := a.Cards[i].ID
		if !idPattern.MatchString(id) {
			t.Errorf("card %d ID %q is not 10 characters from [0-9a-z]", i, id)
		}
		if seen[id] {
			t.Errorf("ID %s repeats", id)
		}
		seen[id] = true
		if b.Cards[i].ID != id || c.Cards[i].ID != id {
			t.Errorf("card %d: IDs %s, %s, %s differ between compiles", i, id, b.Cards[i].ID, c.Cards[i].ID)
		}
	}
	// The ID depends on the deck name: the same chapter under another name
	// is another deck.
	other, _, err := Compile(BuiltinPath, src, Options{Name: "Other"})
	if err != nil {
		t.Fatal(err)
	}
	if other.Cards[0].ID == a.Cards[0].ID {
		t.Errorf("deck name does not change the ID")
	}
}

// edit replaces the one line of src that contains old with the result of f,
// and fails when there is not exactly one.
func edit(t *testing.T, src, old string, f func(line string) string) string {
	t.Helper()
	lines := strings.Split(src, "\n")
	n := 0
	for i, l := range lines {
		if strings.Contains(l, old) {
			lines[i] = f(l)
			n++
		}
	}
	if n != 1 {
		t.Fatalf("%d lines contain %q, want 1", n, old)
	}
	return strings.Join(lines, "\n")
}

// A chapter edited a little keeps its cards' IDs: a typo fixed in a
// question, an answer rewritten, a card removed, one added, a roadmap step
// inserted in the middle. No card takes over the ID of another.
func TestKeepIDsThroughEdits(t *testing.T) {
	_, src := Builtin()
	before := compileBuiltin(t, string(src), nil)

	s := string(src)
	s = edit(t, s, "Q: What is a \"Cold Start\"", func(l string) string {
		return strings.Replace(l, "what can you do to reduce it?", "what can yuo do to reduce it?", 1) // a typo, then fixed below
	})
	typo := compileBuiltin(t, s, before)
	s = edit(t, s, "what can yuo do", func(l string) string { return strings.Replace(l, "yuo", "you", 1) })
	s = edit(t, s, "Q: How does a traditional monolith", func(l string) string {
		i := strings.Index(l, "*How to answer:*")
		return l[:i] + "*How to answer:* A monolith is one deployable unit; serverless microservices are many small functions that scale and fail on their own."
	})
	s = edit(t, s, "  • Highlight Data:", func(string) string { return "" })
	s = edit(t, s, "  • Highlight IaC:", func(l string) string {
		return l + "\n  • Highlight Observability: *\"Added structured logs and tracing to every function.\"*"
	})
	s = edit(t, s, "  1. 4. Serverless Compute", func(l string) string {
		return "  1. 4. Containers: Know when a container beats a function.\n" + strings.Replace(l, "1. 4.", "1. 5.", 1)
	})
	for _, n := range []string{"5. Event-Driven", "6. Infrastructure", "7. CI/CD"} {
		s = edit(t, s, "  1. "+n, func(l string) string {
			return strings.Replace(l, n[:2], fmt.Sprintf("%d.", n[0]-'0'+1), 1)
		})
	}
	after := compileBuiltin(t, s, typo)

	oldIDs := map[string]Card{}
	for _, c := range before.Cards {
		oldIDs[c.ID] = c
	}
	if typo.Cards[13].ID != before.Cards[13].ID {
		t.Errorf("typo: %q got ID %s, want %s", typo.Cards[13].Front, typo.Cards[13].ID, before.Cards[13].ID)
	}
	byLabel := func(d *Deck, frontPart string) *Card {
		for i := range d.Cards {
			if strings.Contains(d.Cards[i].Front, frontPart) {
				return &d.Cards[i]
			}
		}
		return nil
	}
	kept := []string{
		"step 1: Programming Fundamentals", "Serverless Compute", "Event-Driven Architecture",
		"Infrastructure as Code", "CI/CD", "Cloud Practitioner",
		"How does a traditional monolith", "what can you do to reduce it", "Highlight IaC", "Highlight Decoupling",
		"Scenario 1:", "Scenario 2:",
	}
	for _, f := range kept {
		b, a := byLabel(before, f), byLabel(after, f)
		if b == nil || a == nil {
			t.Fatalf("no card with %q before (%v) or after (%v)", f, b != nil, a != nil)
		}
		if a.ID != b.ID {
			t.Errorf("%q: ID %s after the edit, want %s", f, a.ID, b.ID)
		}
	}
	if a := byLabel(after, "step 5: Serverless Compute"); a == nil {
		t.Errorf("inserted step did not move Serverless Compute to step 5")
	}
	for _, f := range []string{"Highlight Observability", "step 4: Containers"} {
		a := byLabel(after, f)
		if a == nil {
			t.Fatalf("no card with %q", f)
		}
		if old, ok := oldIDs[a.ID]; ok {
			t.Errorf("new card %q took the ID %s of %q", f, a.ID, old.Front)
		}
	}
	removed := byLabel(before, "Highlight Data")
	for _, c := range after.Cards {
		if c.ID == removed.ID {
			t.Errorf("removed card's ID %s went to %q", removed.ID, c.Front)
		}
	}
	if len(after.Cards) != len(before.Cards)+1 {
		t.Errorf("%d cards after the edit, want %d", len(after.Cards), len(before.Cards)+1)
	}
}

func TestKeepIDsPairsBestFirst(t *testing.T) {
	old := []Card{
		{ID: "aaaaaaaaaa", Section: "S", Front: "What does the API Gateway timeout limit do here"},
		{ID: "bbbbbbbbbb", Section: "S", Front: "What does the API Gateway timeout limit do"},
		{ID: "cccccccccc", Section: "T", Front: "What does the API Gateway timeout limit doo"}, // other section
	}
	d := &Deck{Name: "D", Cards: []Card{
		{Section: "S", Front: "What does the API Gateway timeout limit dx"},
		{Section: "S", Front: "What does the API Gateway timeout limit do her"},
	}}
	d.assignIDs(&Deck{Cards: old})
	if d.Cards[0].ID != "bbbbbbbbbb" || d.Cards[1].ID != "aaaaaaaaaa" {
		t.Errorf("IDs = %s, %s; want bbbbbbbbbb, aaaaaaaaaa (same section, most similar, one to one)", d.Cards[0].ID, d.Cards[1].ID)
	}
}

func TestRepeatedFrontsGetDistinctIDs(t *testing.T) {
	src := "1. Glossary\n\n  • Queue: a buffer\n  • Queue: a line of messages\n"
	d, _, err := Compile("g.txt", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Cards) != 2 || d.Cards[0].ID == d.Cards[1].ID {
		t.Fatalf("cards = %+v, want two with distinct IDs", d.Cards)
	}
	again, _, _ := Compile("g.txt", []byte(src), Options{})
	if again.Cards[1].ID != d.Cards[1].ID {
		t.Errorf("second occurrence ID %s, then %s", d.Cards[1].ID, again.Cards[1].ID)
	}
}

// TestKeepIDsLeavesDistinctIDs runs KeepIDs on random decks over random
// old cards, some of which share an ID, and checks that no two cards of
// the deck share an ID afterwards (KeepIDs runs uniqueIDs only when old
// cards share one).
func TestKeepIDsLeavesDistinctIDs(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 8))
	fronts := []string{"What is a queue?", "What is a topic?", "What is a queue", "Name the three parts", "What is a stream?", "x"}
	ids := []string{"aaaaaaaaaa", "bbbbbbbbbb", "cccccccccc", "dddddddddd"}
	sharing := 0
	for range 3000 {
		var old []Card
		for range rnd.IntN(5) {
			old = append(old, Card{ID: ids[rnd.IntN(len(ids))], Kind: KindQA, Section: "S", Front: fronts[rnd.IntN(len(fronts))], Back: "b"})
		}
		d := &Deck{Name: "D"}
		for range rnd.IntN(6) {
			c := Card{Kind: KindQA, Section: "S", Front: fronts[rnd.IntN(len(fronts))], Back: "b"}
			c.ID = deriveID(Normalize(d.Name), Normalize(c.Section), identity(&c), 0)
			if rnd.IntN(4) == 0 && len(old) > 0 {
				c.ID = old[rnd.IntN(len(old))].ID // a derived ID an old card holds
			}
			d.Cards = append(d.Cards, c)
		}
		d.KeepIDs(old)
		seen := map[string]bool{}
		for _, c := range d.Cards {
			if seen[c.ID] {
				t.Fatalf("KeepIDs over %+v left two cards with ID %s: %+v", old, c.ID, d.Cards)
			}
			seen[c.ID] = true
		}
		oldIDs := map[string]bool{}
		for _, o := range old {
			oldIDs[o.ID] = true
		}
		if len(oldIDs) < len(old) {
			sharing++
		}
	}
	if sharing < 100 {
		t.Errorf("only %d cases with old cards sharing an ID: the test checks little", sharing)
	}
}
