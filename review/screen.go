package review

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"spaced/deck"
	"spaced/output"
	"spaced/srs"
)

// Styles renders text for a terminal: attributes (bold, italic) when the
// output is a terminal, colours only when it is and NO_COLOR is not set.
type Styles struct {
	Attrs  bool
	Colour bool
}

func (st Styles) sgr(on, s string) string {
	if s == "" {
		return s
	}
	return "\x1b[" + on + "m" + s + ansi.ResetStyle
}

func (st Styles) bold(s string) string {
	if !st.Attrs {
		return s
	}
	return st.sgr("1", s)
}

func (st Styles) faint(s string) string {
	if !st.Attrs {
		return s
	}
	return st.sgr("2", s)
}

// color renders s in the ANSI colour c (30–37), bold when there is no
// colour, plain when there are no attributes either.
func (st Styles) color(c, s string) string {
	switch {
	case st.Colour:
		return st.sgr("1;"+c, s)
	case st.Attrs:
		return st.sgr("1", s)
	}
	return s
}

// markup renders card text with terminal attributes as deck.Spans reads it
// (**strong** bold, *em* italic, `code` reversed or in cyan), the markers
// dropped. Without attributes s is returned as it is.
func (st Styles) markup(s string) string {
	if !st.Attrs || !strings.ContainsAny(s, "*`\\") {
		return s
	}
	var b strings.Builder
	for _, sp := range deck.Spans(s) {
		var on []string
		if sp.Style&deck.Strong != 0 {
			on = append(on, "1")
		}
		if sp.Style&deck.Em != 0 {
			on = append(on, "3")
		}
		if sp.Style&deck.Code != 0 {
			if st.Colour {
				on = append(on, "36")
			} else {
				on = append(on, "7")
			}
		}
		if len(on) == 0 {
			b.WriteString(sp.Text)
			continue
		}
		// An attribute ends at each line break, so that a line drawn alone
		// carries its own.
		for i, l := range strings.Split(sp.Text, "\n") {
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(st.sgr(strings.Join(on, ";"), l))
		}
	}
	return b.String()
}

// view is what the screen shows of one card.
type view struct {
	card     Card
	revealed bool
	done     bool   // the queue is empty: the end screen
	status   string // what the last key did
	graded   int    // grades of this sitting
}

// render lays out v on a width × height screen: a header with the progress
// and the card's deck and section, the front, the back once revealed, and at
// the bottom the legend of the grades (or how to reveal), then the status and
// the keys.
func (v view) render(width, height int, st Styles) []string {
	c := v.card
	rule := st.faint(strings.Repeat("─", width))
	left := fmt.Sprintf("new %d · review %d · drill %d", c.New, c.Review, c.Drill)
	right := fmt.Sprintf("%d graded  [%d/%d]", v.graded, c.N, c.Total)
	if v.done {
		right = fmt.Sprintf("%d graded", v.graded)
	}
	// On a narrow screen the counts give way to the position.
	if room := width - ansi.StringWidth(right) - 1; ansi.StringWidth(left) > room {
		left = ansi.Truncate(left, max(room-1, 0), "") + "…"
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
		front := wrapText(" "+st.color("36", "Q")+" ", st.markup(output.Safe(c.Card.Front)), width)
		back := wrapText(" "+st.color("32", "A")+" ", st.markup(output.Safe(c.Card.Back)), width)
		switch n := max(room-len(back)-1, 1); {
		case len(front) <= n:
		case n == 1:
			front = []string{ansi.Truncate(front[0], width-1, "") + st.faint("…")}
		default:
			front = append(front[:n-1], st.faint(" …"))
		}
		body = append(append(front, ""), back...)
	default:
		body = wrapText(" "+st.color("36", "Q")+" ", st.markup(output.Safe(c.Card.Front)), width)
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
func cardPlace(c Card) string {
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
	return output.OneLine(s)
}

// legend is the line of grades: what each means and the interval it gives
// (for a drill card, whether it comes back today); before the back is shown
// it says how to show it.
func (v view) legend(width int, st Styles) string {
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
func (v view) statusLine(width int, st Styles) string {
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

// wrapText wraps s to width columns at spaces and hyphens (breaking a word
// longer than the line) and keeps its line breaks. The first line starts
// with prefix, the others with as many spaces, so the text hangs beside it.
func wrapText(prefix, s string, width int) []string {
	pw := ansi.StringWidth(prefix)
	w := max(width-pw, 10)
	indent := strings.Repeat(" ", pw)
	var out []string
	for i, l := range strings.Split(ansi.Wrap(s, w, ""), "\n") {
		if i == 0 {
			out = append(out, prefix+strings.TrimRight(l, " "))
		} else {
			out = append(out, indent+strings.TrimRight(l, " "))
		}
	}
	return out
}
