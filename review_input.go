package main

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// action is what the user asks of a review session.
type action uint8

const (
	actGrade     action = iota // grade the card (input.q)
	actReveal                  // show the back
	actSkip                    // leave the card for this session
	actUndo                    // cancel the newest grade of the study day
	actQuit                    // end the session with its summary
	actInterrupt               // Ctrl-C: end with the summary, exit status 130
)

// input is one action with its grade.
type input struct {
	act action
	q   int // 0–5 for actGrade
}

// parseLine reads one line of the line protocol: "0"–"5", "s", "u" or "q",
// white space around it ignored. blank is true for an empty line, which the
// protocol ignores; ok is false for any other line.
func parseLine(line string) (in input, blank, ok bool) {
	s := strings.TrimSpace(line)
	switch {
	case s == "":
		return input{}, true, false
	case len(s) == 1 && '0' <= s[0] && s[0] <= '5':
		return input{act: actGrade, q: int(s[0] - '0')}, false, true
	case s == "s":
		return input{act: actSkip}, false, true
	case s == "u":
		return input{act: actUndo}, false, true
	case s == "q":
		return input{act: actQuit}, false, true
	}
	return input{}, false, false
}

// keyInput maps one key of a terminal in raw mode to an action: Space or
// Enter reveal, 0–5 grade, u undo, s skip, q or Ctrl-D quit, Ctrl-C
// interrupts. Other keys mean nothing.
func keyInput(b byte) (input, bool) {
	switch {
	case b == ' ' || b == '\r' || b == '\n':
		return input{act: actReveal}, true
	case '0' <= b && b <= '5':
		return input{act: actGrade, q: int(b - '0')}, true
	case b == 'u' || b == 'U':
		return input{act: actUndo}, true
	case b == 's' || b == 'S':
		return input{act: actSkip}, true
	case b == 'q' || b == 'Q' || b == 0x04: // Ctrl-D
		return input{act: actQuit}, true
	case b == 0x03: // Ctrl-C
		return input{act: actInterrupt}, true
	}
	return input{}, false
}

// keysIn returns the actions of one read from a terminal in raw mode. An
// escape sequence (an arrow or function key, which arrives in one read) is
// ignored from its ESC to the end of the read.
func keysIn(buf []byte) []input {
	var out []input
	for _, b := range buf {
		if b == 0x1b {
			break
		}
		if in, ok := keyInput(b); ok {
			out = append(out, in)
		}
	}
	return out
}

// styles renders text for a terminal: attributes (bold, italic) when the
// output is a terminal, colours only when it is and NO_COLOR is not set.
type styles struct {
	attrs  bool
	colour bool
}

func (st styles) sgr(on, s string) string {
	if s == "" {
		return s
	}
	return "\x1b[" + on + "m" + s + ansi.ResetStyle
}

func (st styles) bold(s string) string {
	if !st.attrs {
		return s
	}
	return st.sgr("1", s)
}

func (st styles) faint(s string) string {
	if !st.attrs {
		return s
	}
	return st.sgr("2", s)
}

// color renders s in the ANSI colour c (30–37), bold when there is no
// colour, plain when there are no attributes either.
func (st styles) color(c, s string) string {
	switch {
	case st.colour:
		return st.sgr("1;"+c, s)
	case st.attrs:
		return st.sgr("1", s)
	}
	return s
}

// markdown renders the Markdown subset of card text (**strong**, *em*,
// `code`) with terminal attributes, dropping the markers; a marker without a
// partner on its line is kept as text. Without attributes s is returned as
// it is.
func (st styles) markdown(s string) string {
	if !st.attrs || !strings.ContainsAny(s, "*`") {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = st.markdownLine(l)
	}
	return strings.Join(lines, "\n")
}

func (st styles) markdownLine(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		var delim, on string
		switch {
		case c == '\\' && i+1 < len(s) && (s[i+1] == '*' || s[i+1] == '`'):
			b.WriteByte(s[i+1])
			i += 2
			continue
		case c == '`':
			delim, on = "`", "7"
			if st.colour {
				on = "36"
			}
		case strings.HasPrefix(s[i:], "**"):
			delim, on = "**", "1"
		case c == '*':
			delim, on = "*", "3"
		default:
			b.WriteByte(c)
			i++
			continue
		}
		rest := s[i+len(delim):]
		j := strings.Index(rest, delim)
		if delim == "*" {
			// Not the first half of a "**" further on.
			for j >= 0 && strings.HasPrefix(rest[j:], "**") {
				k := strings.Index(rest[j+2:], "*")
				if k < 0 {
					j = -1
					break
				}
				j += 2 + k
			}
		}
		if j <= 0 || (delim != "`" && (spaceAt(rest, 0) || spaceBefore(rest, j))) {
			b.WriteString(delim)
			i += len(delim)
			continue
		}
		b.WriteString(st.sgr(on, rest[:j]))
		i += len(delim) + j + len(delim)
	}
	return b.String()
}

func spaceAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r == ' ' || r == '\t'
}

func spaceBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r == ' ' || r == '\t'
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
