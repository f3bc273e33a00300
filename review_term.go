package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/term"

	"spaced/srs"
)

// reviewKeyHook, when set (by tests), is called with each key action before
// the session acts on it.
var reviewKeyHook func(input)

// screen is the terminal a review session draws on: standard input in raw
// mode (so every key arrives at once and Ctrl-C is a key), the alternate
// screen, the cursor hidden. restore undoes all of it and may be called
// more than once.
type screen struct {
	in       *os.File
	out      io.Writer
	sizeFd   int
	old      *term.State
	restored bool
}

// openScreen puts the terminal of in into raw mode and switches out to the
// alternate screen.
func openScreen(in *os.File, out io.Writer, sizeFd int) (*screen, error) {
	old, err := term.MakeRaw(int(in.Fd()))
	if err != nil {
		return nil, fmt.Errorf("review: cannot set up the terminal: %w", err)
	}
	sc := &screen{in: in, out: out, sizeFd: sizeFd, old: old}
	io.WriteString(out, ansi.SetModeAltScreenSaveCursor+ansi.HideCursor)
	return sc, nil
}

// restore leaves the alternate screen, shows the cursor and puts the terminal
// back as it was.
func (sc *screen) restore() {
	if sc.restored {
		return
	}
	sc.restored = true
	io.WriteString(sc.out, ansi.ResetStyle+ansi.ShowCursor+ansi.ResetModeAltScreenSaveCursor)
	term.Restore(int(sc.in.Fd()), sc.old)
}

// size returns the terminal's width and height, 80 × 24 when unknown.
func (sc *screen) size() (w, h int) {
	w, h, err := term.GetSize(sc.sizeFd)
	if err != nil || w <= 0 || h <= 0 {
		return 80, 24
	}
	return w, h
}

// draw replaces the screen with lines (one per row, each at most the width).
func (sc *screen) draw(lines []string) {
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
	io.WriteString(sc.out, b.String())
}

// cardView is what the screen shows of one card.
type cardView struct {
	card     reviewCard
	revealed bool
	done     bool   // the queue is empty: the end screen
	status   string // what the last key did
	graded   int    // grades of this session
}

// render lays out v on a width × height screen: a header with the progress
// and the card's deck and section, the front, the back once revealed, and at
// the bottom the legend of the grades (or how to reveal), then the status and
// the keys.
func (v cardView) render(width, height int, st styles) []string {
	c := v.card
	rule := st.faint(strings.Repeat("─", width))
	left := fmt.Sprintf("new %d · review %d · drill %d", c.new, c.review, c.drill)
	right := fmt.Sprintf("%d graded  [%d/%d]", v.graded, c.n, c.total)
	if v.done {
		right = fmt.Sprintf("%d graded", v.graded)
	}
	head := []string{
		fitLine(st.bold(left)+spaces(width-ansi.StringWidth(left)-ansi.StringWidth(right))+right, width),
		fitLine(st.faint(cardPlace(c)), width),
		rule,
	}
	foot := []string{rule, fitLine(v.legend(width, st), width), fitLine(v.statusLine(width, st), width)}
	room := max(height-len(head)-len(foot), 1)
	var body []string
	switch {
	case v.done:
		head[1] = ""
		body = append(body, wrapText(" ", st.bold("All done for now."), width)...)
		body = append(body, wrapText(" ", "Press q or Enter for the summary, u to undo the last grade.", width)...)
	case v.revealed:
		// When the card is taller than the room, the front gives up its
		// lines first: the answer is what the user asked to see.
		front := wrapText(" "+st.color("36", "Q")+" ", st.markdown(c.Card.Front), width)
		back := wrapText(" "+st.color("32", "A")+" ", st.markdown(c.Card.Back), width)
		switch n := max(room-len(back)-1, 1); {
		case len(front) <= n:
		case n == 1:
			front = []string{ansi.Truncate(front[0], width-1, "") + st.faint("…")}
		default:
			front = append(front[:n-1], st.faint(" …"))
		}
		body = append(append(front, ""), back...)
	default:
		body = wrapText(" "+st.color("36", "Q")+" ", st.markdown(c.Card.Front), width)
	}
	if len(body) > room {
		body = append(body[:room-1], st.faint(" …"))
	}
	for len(body) < room {
		body = append(body, "")
	}
	out := append(head, body...)
	return append(out, foot...)
}

// cardPlace names the card's deck and section, and marks a drill and a
// leech.
func cardPlace(c reviewCard) string {
	s := c.Deck
	if c.Card.Section != "" {
		s += " · " + c.Card.Section
	}
	if c.Kind == srs.QueueDrill {
		s = "DRILL · " + s
	}
	if c.State.Leech {
		s += " · leech"
	}
	return oneLine(s)
}

// legend is the line of grades: what each means and the interval it gives
// (for a drill card, whether it comes back today); before the back is shown
// it says how to show it.
func (v cardView) legend(width int, st styles) string {
	if v.done {
		return ""
	}
	if !v.revealed {
		return " " + st.bold("Space") + " or " + st.bold("Enter") + " shows the answer; 0-5 grades at once"
	}
	var next [6]string
	if v.card.Kind == srs.QueueDrill {
		// A drill grade changes no interval: it only says whether the card
		// comes back today.
		var b strings.Builder
		for q, name := range gradeNames {
			fmt.Fprintf(&b, " %s %s", st.bold(fmt.Sprint(q)), name)
			switch q {
			case srs.DrillQuality - 1:
				b.WriteString(" → again today  ")
			case srs.MaxQuality:
				b.WriteString(" → done")
			default:
				b.WriteString(" ")
			}
		}
		if s := b.String(); ansi.StringWidth(s) <= width {
			return s
		}
		return " 0-3 again today · 4-5 done"
	}
	for q, d := range srs.Preview(v.card.State) {
		next[q] = intervalText(d)
	}
	var long, short []string
	for q := range next {
		long = append(long, fmt.Sprintf("%s %s %s", st.bold(fmt.Sprint(q)), gradeNames[q], next[q]))
		short = append(short, fmt.Sprintf("%s:%s", st.bold(fmt.Sprint(q)), next[q]))
	}
	if s := " " + strings.Join(long, "  "); ansi.StringWidth(s) <= width {
		return s
	}
	return " " + strings.Join(short, " ")
}

// statusLine shows what the last key did and the other keys.
func (v cardView) statusLine(width int, st styles) string {
	keys := "u undo · s skip · q quit "
	status := " " + v.status
	if ansi.StringWidth(status)+ansi.StringWidth(keys)+1 > width {
		keys = ""
		status = fitLine(status, width)
	}
	return st.color("33", status) + spaces(width-ansi.StringWidth(status)-ansi.StringWidth(keys)) + st.faint(keys)
}

func spaces(n int) string {
	if n < 1 {
		return " "
	}
	return strings.Repeat(" ", n)
}

// fitLine cuts s to width columns.
func fitLine(s string, width int) string {
	if ansi.StringWidth(s) <= width {
		return s
	}
	return ansi.Truncate(s, width, "…")
}

// terminalOutput returns where the review screen goes: standard output when
// it is a terminal, else standard error when that is one, else standard
// output; and the file descriptor to read the size from.
func (a *app) terminalOutput(in *os.File) (io.Writer, int, bool) {
	for _, w := range []io.Writer{a.stdout, a.stderr} {
		if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			return f, int(f.Fd()), true
		}
	}
	return a.stdout, int(in.Fd()), false
}

// reviewTerminal runs session r on the terminal of in, key by key, and
// prints the summary when it ends. Ctrl-C ends it with exit status 130; a
// signal on sigs ends it with 128 + the signal. The terminal is restored on
// every path, a panic included.
func (a *app) reviewTerminal(r *reviewSession, in *os.File, sigs chan os.Signal) error {
	out, sizeFd, tty := a.terminalOutput(in)
	st := styles{attrs: tty, colour: tty && a.getenv("NO_COLOR") == ""}
	c, ok, err := r.next()
	if err != nil {
		return fmt.Errorf("review: %w", err)
	}
	var stop error
	if ok {
		stop, err = a.reviewKeys(r, c, in, out, sizeFd, st, sigs)
		if err != nil {
			return err
		}
	}
	if err := writeSummary(a.stdout, r); err != nil {
		return err
	}
	return stop
}

// reviewKeys is the key loop of a terminal session, from card c on. It
// returns the error that ends the program (a signal, Ctrl-C) or nil, and an
// error of the collection.
func (a *app) reviewKeys(r *reviewSession, c reviewCard, in *os.File, out io.Writer, sizeFd int, st styles, sigs chan os.Signal) (stop, err error) {
	sc, err := openScreen(in, out, sizeFd)
	if err != nil {
		return nil, err
	}
	defer sc.restore()
	keys := make(chan []input)
	go func() {
		buf := make([]byte, 64)
		for {
			n, err := in.Read(buf)
			if n > 0 {
				keys <- keysIn(buf[:n])
			}
			if err != nil {
				close(keys)
				return
			}
		}
	}()
	v := cardView{card: c, graded: len(r.grades)}
	for {
		w, h := sc.size()
		sc.draw(v.render(w, h, st))
		var batch []input
		select {
		case sig := <-sigs:
			if sig == syscall.SIGWINCH {
				continue
			}
			r.stopped = true
			return signalError(sig), nil
		case b, more := <-keys:
			if !more {
				r.stopped = true
				return nil, nil
			}
			batch = b
		}
		for _, k := range batch {
			if reviewKeyHook != nil {
				reviewKeyHook(k)
			}
			if v.done {
				switch k.act {
				case actInterrupt:
					return signalError(os.Interrupt), nil
				case actUndo:
				case actReveal, actQuit:
					return nil, nil
				default:
					continue
				}
			}
			switch k.act {
			case actReveal:
				v.revealed = true
				continue
			case actQuit:
				r.stopped = true
				return nil, nil
			case actInterrupt:
				r.stopped = true
				return signalError(os.Interrupt), nil
			case actGrade:
				g, err := r.grade(v.card, k.q)
				if err != nil {
					return nil, fmt.Errorf("review: %w", err)
				}
				v.status = "✓ " + gradeAck(g)
			case actSkip:
				r.skip(v.card)
				v.status = "skipped " + v.card.Card.ID
			case actUndo:
				u, err := r.undo()
				if err != nil {
					msg, fatal := undoError(err)
					if fatal {
						return nil, fmt.Errorf("review: undo: %w", err)
					}
					v.status = msg
					continue
				}
				v.status = "↶ " + undoAck(u)
			}
			c, ok, err := r.next()
			if err != nil {
				return nil, fmt.Errorf("review: %w", err)
			}
			v.graded = len(r.grades)
			if !ok {
				v.done, v.card = true, reviewCard{}
				continue
			}
			v.card, v.revealed, v.done = c, false, false
		}
	}
}
