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

// front renders a card's front: a cloze card's deletions stand out, in
// colour when there is colour (the brackets alone say it otherwise).
func (st Styles) front(c deck.Card) string {
	s := st.markup(output.Safe(deck.ShowImages(c.Front)))
	if c.Kind != deck.KindCloze || !st.Colour {
		return s
	}
	for _, p := range deck.ClozePlaceholders(c.Text, c.Cloze) {
		s = strings.ReplaceAll(s, p, st.sgr("1;33", p))
	}
	return s
}

// view is what the screen shows of one card.
type view struct {
	card     Card
	revealed bool
	done     bool   // the queue is empty: the end screen
	status   string // what the last key did
	graded   int    // grades of this sitting
	keys     Keys   // the keys that grade
	practice bool   // a practice sitting: grades change no schedule
	help     bool   // the keys are shown instead of the card
	// scroll is the first line of the card's text shown when the text is
	// taller than its window; toAnswer asks the next layout to scroll to
	// the answer just revealed.
	scroll   int
	toAnswer bool
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
	body, _ := v.body(width, st)
	if v.help {
		body = v.helpText(width, st)
	}
	if len(body) > room {
		// The text scrolls in a window a line shorter than the room; the
		// last line says what is above and below.
		win := window(room)
		top := min(max(v.scroll, 0), len(body)-win)
		above, below := top, len(body)-win-top
		body = body[top : top+win : top+win]
		if win < room {
			body = append(body, st.faint(fitLine(moreLine(above, below), width)))
		}
	}
	for len(body) < room {
		body = append(body, "")
	}
	out := append(head, body...)
	return append(out, foot...)
}

// body returns the lines of the card (the front, and the back once shown)
// or of the end screen, at width columns, and the line where the answer
// starts (0 when it is not shown).
func (v view) body(width int, st Styles) (lines []string, answer int) {
	c := v.card
	switch {
	case v.done:
		lines = append(lines, wrapText(" ", st.bold("All done for now."), width)...)
		lines = append(lines, wrapText(" ", "Press q or Enter for the summary, u to undo the last grade.", width)...)
	case v.revealed:
		lines = wrapText(" "+st.color("36", "Q")+" ", st.front(c.Card), width)
		lines = append(lines, "")
		answer = len(lines)
		lines = append(lines, wrapText(" "+st.color("32", "A")+" ", st.markup(output.Safe(deck.ShowImages(c.Card.Back))), width)...)
	default:
		lines = wrapText(" "+st.color("36", "Q")+" ", st.front(c.Card), width)
	}
	return lines, answer
}

// window is the lines of a scrolled text shown in room lines: all but the
// one that says what is out of sight, when there are two or more.
func window(room int) int {
	if room >= 2 {
		return room - 1
	}
	return room
}

// bodyRoom is the number of lines the card's text has on a screen of
// height lines.
func bodyRoom(height int) int { return max(height-6, 1) }

// settle fits v.scroll to a width × height screen: within the text, at the
// answer just revealed when it does not show whole with the question, and
// pages (scrollPage) made the window's height.
func (v *view) settle(width, height int, st Styles) {
	body, answer := v.body(width, st)
	if v.help {
		body, answer = v.helpText(width, st), 0
	}
	room := bodyRoom(height)
	if len(body) <= room {
		v.scroll, v.toAnswer = 0, false
		return
	}
	win := window(room)
	last := len(body) - win
	if v.toAnswer {
		// Show the answer whole with as much of the question as fits; a
		// long answer from its first line.
		v.scroll, v.toAnswer = min(answer, last), false
	}
	v.scroll = min(max(v.scroll, 0), last)
}

// scrollBy moves the text by n lines, a page being the window's height.
func (v *view) scrollBy(n, height int) {
	win := window(bodyRoom(height))
	switch {
	case n == scrollTop:
		v.scroll = 0
	case n == scrollEnd:
		v.scroll = scrollEnd
	case n == scrollPage:
		v.scroll += win
	case n == -scrollPage:
		v.scroll -= win
	default:
		v.scroll += n
	}
}

// moreLine says what of a scrolled text is out of sight.
func moreLine(above, below int) string {
	var parts []string
	if above > 0 {
		parts = append(parts, fmt.Sprintf("▲ %d more", above))
	}
	if below > 0 {
		parts = append(parts, fmt.Sprintf("▼ %d more", below))
	}
	return " " + strings.Join(parts, " · ") + " (↑↓ j k PgUp PgDn)"
}

// helpText is the screen of keys that ? shows.
func (v view) helpText(width int, st Styles) []string {
	var rows [][2]string
	if v.keys == KeysAnki {
		rows = [][2]string{
			{"Space Enter", "show the answer; on the answer, Good"},
			{"1 Again", "forgot it: SM-2 quality 1, back to 1 day, shown again today"},
			{"2 Hard", "right, with effort: quality 3, the E-Factor drops 0.14, shown again today"},
			{"3 Good", "right: quality 4"},
			{"4 Easy", "right at once: quality 5, the E-Factor rises 0.10"},
		}
	} else {
		rows = [][2]string{
			{"Space Enter", "show the answer"},
			{"0 1 2", "blank, wrong, almost: a lapse, back to 1 day, shown again today"},
			{"3", "hard: right with effort, the E-Factor drops 0.14, shown again today"},
			{"4 5", "good, easy: right (5 raises the E-Factor 0.10)"},
		}
	}
	rows = append(rows, [][2]string{
		{"↑ ↓ j k", "scroll a line; PgUp PgDn a page, Home End to an end"},
		{"u", "undo the last grade of the day"},
		{"s", "skip the card for this sitting"},
		{"-", "bury the card until tomorrow"},
		{"@", "suspend the card (spaced unsuspend brings it back)"},
		{"q", "quit with the summary"},
		{"?", "close this help"},
	}...)
	lines := []string{" " + st.bold("Keys")}
	for _, r := range rows {
		lines = append(lines, wrapText(fmt.Sprintf(" %-12s ", r[0]), r[1], width)...)
	}
	return lines
}

// cardPlace names the card's deck and section, and marks a drill and a
// leech.
func cardPlace(c Card) string {
	s := c.Deck
	if c.Card.Section != "" {
		s += " · " + c.Card.Section
	}
	switch c.Kind {
	case srs.QueueDrill:
		s = "DRILL · " + s
	case QueuePractice:
		s = "PRACTICE · " + s
	}
	switch {
	case c.Card.Reverse:
		s += " · reversed"
	case c.Card.Kind == deck.KindCloze:
		s += fmt.Sprintf(" · cloze %d", c.Card.Cloze)
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
		if v.keys == KeysAnki {
			return " " + st.bold("Space") + " or " + st.bold("Enter") + " shows the answer"
		}
		return " " + st.bold("Space") + " or " + st.bold("Enter") + " shows the answer; 0-5 grades at once"
	}
	if v.practice {
		grades := "0-5"
		if v.keys == KeysAnki {
			grades = "1-4 (Space 3)"
		}
		return " " + st.bold(grades) + " grade · practice: no schedule changes"
	}
	if v.keys == KeysAnki {
		return v.ankiLegend(width, st)
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

// ankiLegend is the legend of Anki's four buttons on the answer: each with
// the interval it gives (or, for a drill card, whether it comes back).
func (v view) ankiLegend(width int, st Styles) string {
	var long, short []string
	preview := srs.Preview(v.card.State)
	for b := 1; b <= 4; b++ {
		q := AnkiQuality[b]
		next := intervalText(preview[q])
		if v.card.Kind == srs.QueueDrill {
			next = "done"
			if q < srs.DrillQuality {
				next = "again"
			}
		}
		long = append(long, fmt.Sprintf("%s %s %s", st.bold(fmt.Sprint(b)), ankiButtons[b], next))
		short = append(short, fmt.Sprintf("%s:%s", st.bold(fmt.Sprint(b)), next))
	}
	if s := " " + strings.Join(long, "  ") + "  · Space Good"; ansi.StringWidth(s) <= width {
		return s
	}
	return " " + strings.Join(short, " ")
}

// statusLine shows what the last key did and the other keys.
func (v view) statusLine(width int, st Styles) string {
	keys := "u undo · s skip · ? keys · q quit "
	if v.done {
		keys = "u undo · ? keys · q quit " // no card to skip
	}
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
