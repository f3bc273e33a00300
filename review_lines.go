package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
)

// reviewLines runs session r with the line protocol: for each card it prints
// "[n/N] DECK · SECTION", "Q: FRONT" and "A: BACK" (lines after the first of
// a text indented by three spaces), then reads one line: 0–5 grades, s skips,
// u undoes, q quits; blank lines are ignored. Any other line is misuse
// naming the line; the grades before it are kept. The end of the input ends
// the session as q does. A signal on sigs (nil for none) ends it with the
// summary and exit status 128 + the signal.
func (a *app) reviewLines(r *reviewSession, in io.Reader, sigs <-chan os.Signal) error {
	lines, stop := readLines(in)
	defer stop()
	lineNo := 0
	var sig os.Signal
session:
	for {
		c, ok, err := r.next()
		if err != nil {
			return fmt.Errorf("review: %w", err)
		}
		if !ok {
			break
		}
		writeCardLines(a.stdout, c)
		for {
			var l lineRead
			more := true
			select {
			case l, more = <-lines:
			case sig = <-sigs:
				if sig == syscall.SIGWINCH {
					sig = nil
					continue
				}
				r.stopped = true
				break session
			}
			if l.err != nil && !errors.Is(l.err, io.EOF) {
				return fmt.Errorf("review: reading standard input: %w", l.err)
			}
			if !more || l.text == "" {
				r.stopped = true
				break session
			}
			lineNo++
			in, blank, ok := parseLine(l.text)
			if blank {
				continue
			}
			if !ok {
				return misusef("review: input line %d: %q is not a grade 0-5, s, u or q", lineNo, strings.TrimRight(l.text, "\r\n"))
			}
			switch in.act {
			case actGrade:
				if _, err := r.grade(c, in.q); err != nil {
					return fmt.Errorf("review: %w", err)
				}
			case actSkip:
				r.skip(c)
			case actUndo:
				if _, err := r.undo(); err != nil {
					msg, fatal := undoError(err)
					if fatal {
						return fmt.Errorf("review: undo: %w", err)
					}
					a.notef("review: input line %d: %s", lineNo, msg)
					continue
				}
			case actQuit:
				r.stopped = true
				break session
			}
			continue session
		}
	}
	if err := writeSummary(a.stdout, r); err != nil {
		return err
	}
	if sig != nil {
		return signalError(sig)
	}
	return nil
}

// writeCardLines prints card c for the line protocol.
func writeCardLines(w io.Writer, c reviewCard) {
	head := fmt.Sprintf("[%d/%d] %s", c.n, c.total, c.Deck)
	if c.Card.Section != "" {
		head += " · " + c.Card.Section
	}
	fmt.Fprintf(w, "%s\nQ: %s\nA: %s\n", oneLine(head), indentText(c.Card.Front), indentText(c.Card.Back))
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

// readLines reads in line by line in its own goroutine (so a signal can end
// a session waiting for input), sending each line and finally the error that
// ended the input, and closes lines. stop ends the goroutine once it has a
// line to send.
func readLines(in io.Reader) (lines <-chan lineRead, stop func()) {
	ch := make(chan lineRead)
	done := make(chan struct{})
	go func() {
		defer close(ch)
		br := bufio.NewReader(in)
		for {
			text, err := br.ReadString('\n')
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
