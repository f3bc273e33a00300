package review

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"spaced/deck"
	"spaced/srs"
)

// testNow is the clock of the sittings here: 2026-03-10 12:00 UTC.
var testNow = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

// newStore returns a collection holding the built-in deck (19 cards).
func newStore(t *testing.T) *srs.Store {
	t.Helper()
	path, src := deck.Builtin()
	d, _, err := deck.Compile(path, src, deck.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return newStoreWith(t, d)
}

// newStoreWith returns a collection holding deck d.
func newStoreWith(t *testing.T, d *deck.Deck) *srs.Store {
	t.Helper()
	p := filepath.Join(t.TempDir(), "c.db")
	if err := srs.Create(p, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := srs.Open(p, srs.Write)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Sync(context.Background(), d, testNow); err != nil {
		t.Fatal(err)
	}
	return s
}

// fakeTerm is a terminal of a given size that keeps what is drawn on it
// and says when a screen is drawn.
type fakeTerm struct {
	mu     sync.Mutex
	w, h   int
	out    strings.Builder
	frames chan string
}

func newFakeTerm(w, h int) *fakeTerm {
	return &fakeTerm{w: w, h: h, frames: make(chan string, 64)}
}

func (f *fakeTerm) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.out.Write(p)
	if s := string(p); strings.HasPrefix(s, ansi.CursorHomePosition) {
		f.frames <- s
	}
	return len(p), nil
}

func (f *fakeTerm) Size() (int, int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.w, f.h
}

func (f *fakeTerm) resize(w, h int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.w, f.h = w, h
}

// sitting drives RunTerminal over a fake terminal.
type sitting struct {
	t      *testing.T
	term   *fakeTerm
	keys   *io.PipeWriter
	resize chan struct{}
	done   chan error
	cancel context.CancelCauseFunc
}

func startSitting(t *testing.T, r *Session, w, h int) *sitting {
	ctx, cancel := context.WithCancelCause(context.Background())
	keys, typed := io.Pipe()
	s := &sitting{t: t, term: newFakeTerm(w, h), keys: typed, resize: make(chan struct{}), done: make(chan error, 1), cancel: cancel}
	go func() { s.done <- RunTerminal(ctx, r, s.term, keys, s.resize, Styles{}) }()
	t.Cleanup(func() { typed.Close() })
	return s
}

// screen waits for the next screen and returns its lines, without escape
// sequences.
func (s *sitting) screen() []string {
	s.t.Helper()
	select {
	case f := <-s.term.frames:
		return strings.Split(ansi.Strip(f), "\r\n")
	case <-time.After(10 * time.Second):
		s.t.Fatal("no screen drawn")
		return nil
	}
}

// key sends keys and returns the screen drawn after them.
func (s *sitting) key(keys string) []string {
	s.t.Helper()
	s.send(keys)
	return s.screen()
}

// send types keys without waiting for a screen.
func (s *sitting) send(keys string) {
	s.t.Helper()
	if _, err := io.WriteString(s.keys, keys); err != nil {
		s.t.Fatal(err)
	}
}

// end waits for RunTerminal to return and returns its error.
func (s *sitting) end() error {
	s.t.Helper()
	select {
	case err := <-s.done:
		return err
	case <-time.After(10 * time.Second):
		s.t.Fatal("the sitting did not end")
		return nil
	}
}

func has(lines []string, part string) bool {
	for _, l := range lines {
		if strings.Contains(l, part) {
			return true
		}
	}
	return false
}

func wantOn(t *testing.T, lines []string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !has(lines, p) {
			t.Errorf("screen lacks %q:\n%s", p, strings.Join(lines, "\n"))
		}
	}
}

func TestTerminalKeys(t *testing.T) {
	s := newStore(t)
	day := srs.StudyDay(testNow, 4)
	r := New(s, day, srs.DefaultLimits, deck.Filter{}, func() time.Time { return testNow })
	st := startSitting(t, r, 90, 24)
	wantOn(t, st.screen(), "[1/19]", " Q The Serverless Cloud Engineer Roadmap — step 1: Programming Fundamentals", "Space or Enter shows the answer")
	first, _, _ := r.Next()

	screen := st.key(" ")
	wantOn(t, screen, " A Get comfortable in at least one of Python, Go or Node.js", "4 good 1d")
	screen = st.key("4")
	wantOn(t, screen, "[2/19]", "✓ 4 good: due 2026-03-11 (1 day)")
	screen = st.key("s")
	wantOn(t, screen, "[3/19]", "skipped ")
	screen = st.key("u")
	wantOn(t, screen, "↶ undid grade 4 of "+first.Card.ID, "step 1: Programming Fundamentals")
	screen = st.key("x") // no key of the sitting
	wantOn(t, screen, "↶ undid grade 4")
	screen = st.key(" 3")
	wantOn(t, screen, "✓ 3 hard: due 2026-03-11 (1 day), drill today")
	screen = st.key("\x1b[A") // an arrow: ignored
	wantOn(t, screen, "✓ 3 hard")
	st.send("q")
	if err := st.end(); err != nil {
		t.Errorf("q: RunTerminal = %v, want nil", err)
	}
	sum, err := r.Summary()
	if err != nil {
		t.Fatal(err)
	}
	if sum.Reviewed != 1 || sum.PerGrade[3] != 1 || sum.Skipped != 1 || sum.DrillLeft != 1 {
		t.Errorf("summary = %+v, want one review graded 3, one skip, one card to drill", sum)
	}
}

// A resize redraws the card at the new size; down to 40 × 12 it fits.
func TestTerminalResize(t *testing.T) {
	r := New(newStore(t), srs.StudyDay(testNow, 4), srs.DefaultLimits, deck.Filter{}, func() time.Time { return testNow })
	st := startSitting(t, r, 120, 30)
	if got := len(st.screen()); got != 30 {
		t.Errorf("%d lines at 120 × 30, want 30", got)
	}
	for _, size := range [][2]int{{80, 16}, {40, 12}} {
		st.term.resize(size[0], size[1])
		st.resize <- struct{}{}
		lines := st.screen()
		if len(lines) != size[1] {
			t.Errorf("%d lines at %d × %d, want %d", len(lines), size[0], size[1], size[1])
		}
		for i, l := range lines {
			if w := ansi.StringWidth(l); w > size[0] {
				t.Errorf("line %d is %d columns at width %d: %q", i, w, size[0], l)
			}
		}
		wantOn(t, lines, "[1/19]")
	}
	lines := st.key(" ")
	wantOn(t, lines, " A ")
	st.send("\x03") // Ctrl-C
	if err := st.end(); !errors.Is(err, ErrInterrupted) {
		t.Errorf("Ctrl-C: RunTerminal = %v, want ErrInterrupted", err)
	}
}

// A grade of an earlier sitting of the study day is undone in the next.
func TestTerminalUndoAcrossSittings(t *testing.T) {
	s := newStore(t)
	day := srs.StudyDay(testNow, 4)
	now := func() time.Time { return testNow }
	r1 := New(s, day, srs.DefaultLimits, deck.Filter{}, now)
	st := startSitting(t, r1, 90, 24)
	st.screen()
	st.key("5")
	st.send("\x04") // Ctrl-D quits
	if err := st.end(); err != nil {
		t.Fatal(err)
	}
	r2 := New(s, day, srs.DefaultLimits, deck.Filter{}, now)
	st = startSitting(t, r2, 90, 24)
	wantOn(t, st.screen(), "[1/18]")
	wantOn(t, st.key("u"), "↶ undid grade 5 of ", "step 1: Programming Fundamentals")
	wantOn(t, st.key("u"), "nothing to undo today")
	st.cancel(errors.New("a signal"))
	if err := st.end(); err == nil || err.Error() != "a signal" {
		t.Errorf("cancelled: RunTerminal = %v, want the context's cause", err)
	}
}

// When the input ends, the sitting ends as with q.
func TestTerminalInputEnds(t *testing.T) {
	r := New(newStore(t), srs.StudyDay(testNow, 4), srs.DefaultLimits, deck.Filter{}, func() time.Time { return testNow })
	st := startSitting(t, r, 90, 24)
	st.screen()
	st.keys.Close()
	if err := st.end(); err != nil {
		t.Errorf("input ended: RunTerminal = %v, want nil", err)
	}
}

// With Anki's keys: 1–4 wait for the answer, then grade Again, Hard, Good,
// Easy as SM-2's 1, 3, 4, 5; Space on the answer is Good; ? shows the
// keys in both sets.
func TestTerminalAnkiKeys(t *testing.T) {
	s := newStore(t)
	r := New(s, srs.StudyDay(testNow, 4), srs.DefaultLimits, deck.Filter{}, func() time.Time { return testNow })
	r.Keys = KeysAnki
	st := startSitting(t, r, 90, 24)
	wantOn(t, st.screen(), "Space or Enter shows the answer", "? keys")
	wantOn(t, st.key("3"), "show the answer first")
	wantOn(t, st.key(" "), "1 Again 1d  2 Hard 1d  3 Good 1d  4 Easy 1d  · Space Good")
	wantOn(t, st.key("3"), "✓ Good (4): due 2026-03-11 (1 day)")
	st.key(" ")
	wantOn(t, st.key(" "), "✓ Good (4)")
	st.key(" ")
	wantOn(t, st.key("1"), "✓ Again (1): due 2026-03-11 (1 day), drill today")
	wantOn(t, st.key("?"), "1 Again", "forgot it: SM-2 quality 1", "bury the card until tomorrow")
	wantOn(t, st.key("?"), "[4/")
	st.send("q")
	if err := st.end(); err != nil {
		t.Fatal(err)
	}
	sum, _ := r.Summary()
	if sum.PerGrade[4] != 2 || sum.PerGrade[1] != 1 {
		t.Errorf("summary = %+v, want two 4s and a 1", sum)
	}
}

// A card taller than the screen scrolls, at 80 × 16 and at 40 × 12: the
// whole front and the whole back can be read, a line says what is out of
// sight.
func TestTerminalScrollsLongCards(t *testing.T) {
	for _, size := range [][2]int{{80, 16}, {40, 12}} {
		s := newStore(t)
		r := New(s, srs.StudyDay(testNow, 4), srs.DefaultLimits, deck.Filter{Section: "Scenario"}, func() time.Time { return testNow })
		c, _, _ := r.Next()
		st := startSitting(t, r, size[0], size[1])
		seen := map[string]bool{}
		note := func(lines []string) {
			for _, l := range lines {
				seen[strings.TrimSpace(l)] = true
			}
		}
		note(st.screen())
		for range 40 {
			note(st.key("j"))
		}
		screen := st.key(" ")
		note(screen)
		if !has(screen, "▲") {
			t.Errorf("%v: the answer of a long card shows no mark of the question above:\n%s", size, strings.Join(screen, "\n"))
		}
		for range 40 {
			note(st.key("\x1b[B"))
		}
		note(st.key("\x1b[H")) // Home
		var text []string
		for l := range seen {
			text = append(text, l)
		}
		all := strings.Join(text, " ")
		for _, w := range strings.Fields(c.Card.Front + " " + c.Card.Back) {
			if w = strings.Trim(w, "*`'\"().,?:;"); len(w) > 3 && !strings.Contains(all, w) {
				t.Errorf("%v: the word %q of the card never showed", size, w)
				break
			}
		}
		st.send("q")
		st.end()
	}
}

// - buries the card until tomorrow and @ suspends it: both leave today's
// queue.
func TestTerminalBuryAndSuspend(t *testing.T) {
	s := newStore(t)
	day := srs.StudyDay(testNow, 4)
	r := New(s, day, srs.DefaultLimits, deck.Filter{}, func() time.Time { return testNow })
	first, _, _ := r.Next()
	st := startSitting(t, r, 90, 24)
	st.screen()
	wantOn(t, st.key("-"), "buried until tomorrow: "+first.Card.ID, "[1/18]")
	second, _, _ := r.Next()
	wantOn(t, st.key("@"), "suspended: "+second.Card.ID, "[1/17]")
	st.send("q")
	st.end()
	for _, id := range []string{first.Card.ID, second.Card.ID} {
		it, err := s.Item(id)
		if err != nil {
			t.Fatal(err)
		}
		if it.Queueable(day) {
			t.Errorf("%s is still queued today: %+v", id, it)
		}
	}
	if it, _ := s.Item(first.Card.ID); !it.Queueable(day.Add(1)) {
		t.Errorf("the buried card is not back tomorrow")
	}
}

// Cloze cards show their deletion as [...] (in colour when there is
// colour) and say which cloze they are; reversed cards say so; a note's
// second card waits for the next day.
func TestTerminalClozeAndReversed(t *testing.T) {
	d, _, err := deck.Compile("n.md", []byte("# Notes\n\nThe {{c1::kubelet}} runs on every {{c2::node::where?}}.\n\nPod:::The smallest unit Kubernetes schedules.\n"), deck.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := newStoreWith(t, d)
	r := New(s, srs.StudyDay(testNow, 4), srs.DefaultLimits, deck.Filter{}, func() time.Time { return testNow })
	var out strings.Builder
	if err := RunLines(context.Background(), r, strings.NewReader("4\n4\n"), &out, func(string) {}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(out.String(), "\n.\n"); got != 2 {
		t.Errorf("%d cards shown, want 2 (one of each note):\n%s", got, out.String())
	}
	for _, want := range []string{"Q: The [...] runs on every node.", "A: kubelet\n   \n   The **kubelet** runs on every node."} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("lines lack %q:\n%s", want, out.String())
		}
	}
	v := view{card: Card{Queued: srs.Queued{Item: srs.Item{Card: d.Cards[0], Deck: d.Name}}}}
	lines := v.render(80, 24, Styles{Attrs: true, Colour: true})
	if !has(lines, "\x1b[1;33m[...]") || !has(lines, "cloze 1") {
		t.Errorf("cloze screen:\n%s", strings.Join(lines, "\n"))
	}
	v = view{card: Card{Queued: srs.Queued{Item: srs.Item{Card: d.Cards[3], Deck: d.Name}}}}
	if lines := v.render(80, 24, Styles{}); !has(lines, "· reversed") || !has(lines, "Q The smallest unit Kubernetes schedules.") {
		t.Errorf("reversed screen:\n%s", strings.Join(lines, "\n"))
	}
}
