package review

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Terminal is the screen a sitting draws on: its size, and what is written
// to it. Its caller has put it in raw mode (so that every key arrives at
// once and Ctrl-C is a key) and restores it.
type Terminal interface {
	io.Writer
	Size() (width, height int)
}

// event is what a terminal sends a sitting: the bytes of the keys typed in
// one read, or a change of its size.
type event struct {
	keys   []byte
	resize bool
}

// RunTerminal runs sitting r on terminal t, key by key, drawing the card
// after every event: Space or Enter shows the back, 0–5 grade, u undoes, s
// skips, q or Ctrl-D quits, Ctrl-C interrupts. It switches t to the
// alternate screen and back.
//
// The keys typed are read from keys, raw; a value on resize says the
// terminal's size changed.
//
// It returns nil when the user quits or leaves the end screen, or when
// keys ends; ErrInterrupted for Ctrl-C; context.Cause(ctx) when ctx is
// done; and any error of the collection. The caller prints the summary.
func RunTerminal(ctx context.Context, r *Session, t Terminal, keys io.Reader, resize <-chan struct{}, st Styles) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // ends the goroutines of events
	events := readEvents(ctx, keys, resize)
	c, ok, err := r.Next()
	if err != nil {
		return err
	}
	if !ok {
		return nil
	}
	io.WriteString(t, ansi.SetModeAltScreenSaveCursor+ansi.HideCursor)
	defer io.WriteString(t, ansi.ResetStyle+ansi.ShowCursor+ansi.ResetModeAltScreenSaveCursor)
	v := view{card: c, graded: r.Graded(), keys: r.Keys, practice: r.Practice}
	for {
		w, h := t.Size()
		if w <= 0 || h <= 0 {
			w, h = 80, 24
		}
		v.settle(w, h, st)
		if err := draw(t, v.render(w, h, st)); err != nil {
			r.Stop()
			return fmt.Errorf("drawing the screen: %w", err)
		}
		var ev event
		select {
		case <-ctx.Done():
			r.Stop()
			return context.Cause(ctx)
		case e, more := <-events:
			if !more {
				// The events end with the input, or with ctx (whose end
				// the select may see second).
				r.Stop()
				return context.Cause(ctx)
			}
			ev = e
		}
		for _, kc := range splitKeys(ev.keys) {
			k, ok := r.Keys.input(kc, v.revealed)
			if !ok {
				continue
			}
			if v.help {
				// Any key closes the help; a scroll key scrolls it.
				if k.act == actScroll {
					v.scrollBy(k.q, h)
					continue
				}
				v.help, v.scroll = false, 0
				if k.act == actHelp {
					continue
				}
			}
			if v.done {
				switch k.act {
				case actInterrupt:
					return ErrInterrupted
				case actUndo:
				case actReveal, actQuit:
					return nil
				default:
					continue
				}
			}
			switch k.act {
			case actReveal:
				v.revealed, v.toAnswer = true, true
				continue
			case actScroll:
				v.scrollBy(k.q, h)
				continue
			case actHelp:
				v.help, v.scroll = true, 0
				continue
			case actNotYet:
				v.status = "show the answer first (Space), then grade 1-4"
				continue
			case actQuit:
				r.Stop()
				return nil
			case actInterrupt:
				r.Stop()
				return ErrInterrupted
			case actGrade:
				g, err := r.Grade(v.card, k.q)
				var ce *ChangedError
				switch {
				case errors.As(err, &ce):
					v.status = ce.Error()
				case err != nil:
					return err
				default:
					v.status = "✓ " + r.ack(g)
				}
			case actSkip:
				r.Skip(v.card)
				v.status = "skipped " + cardName(v.card)
			case actBury:
				if err := r.Bury(v.card); err != nil {
					return err
				}
				v.status = "buried until tomorrow: " + cardName(v.card)
			case actSuspend:
				if err := r.Suspend(v.card); err != nil {
					return err
				}
				v.status = "suspended: " + cardName(v.card)
			case actUndo:
				u, err := r.Undo()
				if err != nil {
					msg, fatal := undoError(err)
					if fatal {
						return fmt.Errorf("undo: %w", err)
					}
					v.status = msg
					continue
				}
				v.status = "↶ " + undoAck(u)
			}
			c, ok, err := r.Next()
			if err != nil {
				return err
			}
			v.graded = r.Graded()
			if !ok {
				v.done, v.card = true, Card{}
				continue
			}
			v.card, v.revealed, v.done, v.scroll = c, false, false, 0
		}
	}
}

// draw replaces the screen with lines (one per row, each at most the
// width).
func draw(t io.Writer, lines []string) error {
	var b strings.Builder
	b.WriteString(ansi.CursorHomePosition)
	for i, l := range lines {
		if i > 0 {
			b.WriteString("\r\n")
		}
		b.WriteString(l)
		b.WriteString(ansi.EraseLineRight)
	}
	b.WriteString(ansi.EraseScreenBelow)
	_, err := io.WriteString(t, b.String())
	return err
}

// readEvents reads keys in one goroutine (a read cannot be cancelled; it
// ends with the input) and merges what it reads with the resizes into one
// channel, closed when keys ends or fails. The merging ends with ctx.
func readEvents(ctx context.Context, keys io.Reader, resize <-chan struct{}) <-chan event {
	read := make(chan []byte)
	go func() {
		defer close(read)
		buf := make([]byte, 64)
		for {
			n, err := keys.Read(buf)
			if n > 0 {
				select {
				case read <- append([]byte(nil), buf[:n]...):
				case <-ctx.Done():
					return
				}
			}
			if err != nil {
				return
			}
		}
	}()
	out := make(chan event)
	go func() {
		defer close(out)
		for {
			var e event
			select {
			case k, ok := <-read:
				if !ok {
					return
				}
				e = event{keys: k}
			case <-resize:
				e = event{resize: true}
			case <-ctx.Done():
				return
			}
			select {
			case out <- e:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}
