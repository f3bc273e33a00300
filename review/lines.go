package review

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"spaced/deck"
	"spaced/output"
	"strings"
)

// MaxLine is the longest line the line protocol reads, in bytes: an answer
// is a few bytes, so a longer line is no answer, and reading it whole
// would let the input take any amount of memory.
const MaxLine = 4096

// LineError is a line of the line protocol that is no grade, s, u or q.
type LineError struct {
	Line    int    // 1-based number of the input line
	Text    string // the line, without its line end (its start, when TooLong)
	TooLong bool   // the line is longer than MaxLine bytes
	Keys    Keys   // the keys of the sitting, which say what a grade is
}

func (e *LineError) Error() string {
	grades := "0-5"
	if e.Keys == KeysAnki {
		grades = "1-4"
	}
	if e.TooLong {
		return fmt.Sprintf("input line %d: longer than %d bytes, not a grade %s, s, u, -, @ or q", e.Line, MaxLine, grades)
	}
	return fmt.Sprintf("input line %d: %q is not a grade %s, s, u, -, @ or q", e.Line, e.Text, grades)
}

// errLineTooLong ends the input at a line longer than MaxLine.
var errLineTooLong = errors.New("line too long")

// RunLines runs sitting r with the line protocol: for each card it writes
// "[n/N] DECK · SECTION", "Q: FRONT", "A: BACK" and a line "." that ends
// the card to out (lines after the first of a text indented by three
// spaces, so that none reads as a line of the protocol), then reads one
// line of in: 0–5 grades (with Anki's keys, 1–4), s skips, u undoes, "-"
// buries, "@" suspends, q quits; blank lines are ignored. What an undo could not do goes
// to note, naming the line.
//
// It returns nil when the queue is done, q is read or the input ends; a
// *LineError for any other line (the grades before it are kept);
// context.Cause(ctx) when ctx is done while it waits for a line; and any
// error of the collection or of the input. The caller prints the summary.
func RunLines(ctx context.Context, r *Session, in io.Reader, out io.Writer, note func(string)) error {
	lines, stop := readLines(in)
	defer stop()
	lineNo := 0
	for {
		c, ok, err := r.Next()
		if err != nil || !ok {
			return err
		}
		if err := writeCard(out, c); err != nil {
			// A card that cannot be shown is not graded: stop here.
			r.Stop()
			return fmt.Errorf("writing the card: %w", err)
		}
		for {
			var l lineRead
			more := true
			select {
			case l, more = <-lines:
			case <-ctx.Done():
				r.Stop()
				return context.Cause(ctx)
			}
			if errors.Is(l.err, errLineTooLong) {
				return &LineError{Line: lineNo + 1, TooLong: true, Keys: r.Keys}
			}
			if l.err != nil && !errors.Is(l.err, io.EOF) {
				return fmt.Errorf("reading standard input: %w", l.err)
			}
			if !more || l.text == "" {
				r.Stop()
				return nil
			}
			lineNo++
			in, blank, ok := r.Keys.parseLine(l.text)
			if blank {
				continue
			}
			if !ok {
				return &LineError{Line: lineNo, Text: strings.TrimRight(l.text, "\r\n"), Keys: r.Keys}
			}
			switch in.act {
			case actGrade:
				var ce *ChangedError
				if _, err := r.Grade(c, in.q); errors.As(err, &ce) {
					note(fmt.Sprintf("input line %d: %v", lineNo, ce))
				} else if err != nil {
					return err
				}
			case actSkip:
				r.Skip(c)
			case actBury:
				if err := r.Bury(c); err != nil {
					return err
				}
			case actSuspend:
				if err := r.Suspend(c); err != nil {
					return err
				}
			case actUndo:
				if _, err := r.Undo(); err != nil {
					msg, fatal := undoError(err)
					if fatal {
						return fmt.Errorf("undo: %w", err)
					}
					note(fmt.Sprintf("input line %d: %s", lineNo, msg))
					continue
				}
			case actQuit:
				r.Stop()
				return nil
			}
			break
		}
	}
}

// writeCard writes card c for the line protocol.
func writeCard(w io.Writer, c Card) error {
	head := fmt.Sprintf("[%d/%d] %s", c.N, c.Total, c.Deck)
	if c.Card.Section != "" {
		head += " · " + c.Card.Section
	}
	_, err := fmt.Fprintf(w, "%s\nQ: %s\nA: %s\n.\n", output.OneLine(head), output.Safe(indentText(deck.ShowImages(c.Card.Front))), output.Safe(indentText(deck.ShowImages(c.Card.Back))))
	return err
}

// indentText indents every line of s after the first by three spaces, so no
// line of a card's text can be read as a line of the protocol.
func indentText(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	return strings.ReplaceAll(s, "\n", "\n   ")
}

// lineRead is one line of input, with the error that ended the input.
type lineRead struct {
	text string
	err  error
}

// readLines reads in line by line in its own goroutine (so that a
// cancelled context can end a sitting waiting for input), sending each
// line and finally the error that ended the input, and closes lines. stop
// ends the goroutine once it has a line to send.
func readLines(in io.Reader) (lines <-chan lineRead, stop func()) {
	ch := make(chan lineRead)
	done := make(chan struct{})
	go func() {
		defer close(ch)
		br := bufio.NewReaderSize(in, MaxLine)
		for {
			b, err := br.ReadSlice('\n')
			text := string(b)
			if errors.Is(err, bufio.ErrBufferFull) {
				text, err = "", errLineTooLong
			}
			select {
			case ch <- lineRead{text, err}:
			case <-done:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	return ch, func() { close(done) }
}
