package review

import (
	"bufio"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"spaced/deck"
	"spaced/srs"
)

// A sitting waiting for a line ends with the cause of its context; the
// grades before are kept and the queue knows what is left.
func TestLinesCancelled(t *testing.T) {
	r := New(newStore(t), srs.StudyDay(testNow, 4), srs.DefaultLimits, deck.Filter{}, func() time.Time { return testNow })
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	ctx, cancel := context.WithCancelCause(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- RunLines(ctx, r, inR, outW, func(string) {})
		outW.Close()
	}()
	sc := bufio.NewScanner(outR)
	wait := func(prefix string) {
		t.Helper()
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), prefix) {
				return
			}
		}
		t.Fatalf("no line %q", prefix)
	}
	wait("[1/19]")
	io.WriteString(inW, "4\n")
	wait("[2/19]")
	sig := errors.New("interrupt")
	cancel(sig)
	if err := <-done; err != sig {
		t.Errorf("RunLines = %v, want the context's cause", err)
	}
	inW.Close()
	sum, err := r.Summary()
	if err != nil {
		t.Fatal(err)
	}
	if sum.Reviewed != 1 || sum.PerGrade[4] != 1 || sum.Left != 18 {
		t.Errorf("summary = %+v, want one grade 4 and 18 cards left", sum)
	}
}

// A line that is no answer stops the sitting with its number; an undo
// with nothing to undo is a note, not an error.
func TestLinesBadLineAndNote(t *testing.T) {
	r := New(newStore(t), srs.StudyDay(testNow, 4), srs.DefaultLimits, deck.Filter{}, func() time.Time { return testNow })
	var notes []string
	var out strings.Builder
	err := RunLines(context.Background(), r, strings.NewReader("u\n\n5\nyes\n4\n"), &out, func(s string) { notes = append(notes, s) })
	var le *LineError
	if !errors.As(err, &le) || le.Line != 4 || le.Text != "yes" {
		t.Fatalf("RunLines = %v, want a LineError for line 4 %q", err, "yes")
	}
	if len(notes) != 1 || !strings.HasPrefix(notes[0], "input line 1: ") {
		t.Errorf("notes = %q, want one naming input line 1", notes)
	}
	if sum, _ := r.Summary(); sum.Reviewed != 1 || sum.PerGrade[5] != 1 {
		t.Errorf("summary = %+v, want the one grade before the bad line", sum)
	}
	if got := strings.Count(out.String(), "\nQ: "); got != 2 {
		t.Errorf("%d cards written, want 2:\n%s", got, out.String())
	}
}

// A line longer than MaxLine ends the sitting with a LineError naming it,
// without reading the rest: the input cannot take the memory.
func TestLinesTooLong(t *testing.T) {
	r := New(newStore(t), srs.StudyDay(testNow, 4), srs.DefaultLimits, deck.Filter{}, func() time.Time { return testNow })
	in := io.MultiReader(strings.NewReader("4\n"), zeros{})
	err := RunLines(context.Background(), r, in, io.Discard, func(string) {})
	var le *LineError
	if !errors.As(err, &le) || !le.TooLong || le.Line != 2 {
		t.Fatalf("RunLines = %v, want a LineError for line 2, too long", err)
	}
	if sum, _ := r.Summary(); sum.Reviewed != 1 {
		t.Errorf("summary = %+v, want the grade before the long line", sum)
	}
}

// zeros is an endless input of NUL bytes, as /dev/zero.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// When the cards cannot be written (standard output on a full disk), the
// sitting stops at once: no card is graded that was never shown.
func TestLinesOutputFails(t *testing.T) {
	r := New(newStore(t), srs.StudyDay(testNow, 4), srs.DefaultLimits, deck.Filter{}, func() time.Time { return testNow })
	err := RunLines(context.Background(), r, strings.NewReader("4\n4\n4\n"), failWriter{}, func(string) {})
	if err == nil || !strings.Contains(err.Error(), "no space left") {
		t.Fatalf("RunLines = %v, want the write error", err)
	}
	if sum, _ := r.Summary(); sum.Reviewed != 0 {
		t.Errorf("summary = %+v, want no grade", sum)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) {
	return 0, errors.New("write /dev/full: no space left on device")
}

// A card retired by another command while it is shown is not graded: the
// sitting says so and goes on with the next card.
func TestLinesCardRetiredMeanwhile(t *testing.T) {
	s := newStore(t)
	r := New(s, srs.StudyDay(testNow, 4), srs.DefaultLimits, deck.Filter{}, func() time.Time { return testNow })
	first, _, _ := r.Next()
	path, src := deck.Builtin()
	d, _, err := deck.Compile(path, src, deck.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d.Cards = d.Cards[1:] // an add of the chapter without the first card
	var notes []string
	// The chapter is added again just after the first card is shown.
	out := &retireOnWrite{retire: func() {
		if _, err := s.Sync(context.Background(), d, testNow); err != nil {
			t.Error(err)
		}
	}}
	if err := RunLines(context.Background(), r, strings.NewReader("4\n4\nq\n"), out, func(n string) { notes = append(notes, n) }); err != nil {
		t.Fatalf("RunLines = %v, want nil", err)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "input line 1: card "+first.Card.ID+" changed meanwhile") {
		t.Errorf("notes = %q, want one about card %s", notes, first.Card.ID)
	}
	sum, _ := r.Summary()
	if sum.Reviewed != 1 {
		t.Errorf("summary = %+v, want the one grade of the second card", sum)
	}
}

// retireOnWrite calls retire after its first write.
type retireOnWrite struct {
	retire func()
	done   bool
}

func (x *retireOnWrite) Write(p []byte) (int, error) {
	if !x.done {
		x.done = true
		x.retire()
	}
	return len(p), nil
}
