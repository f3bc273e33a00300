package review

import "strings"

// action is what the user asks of a sitting.
type action uint8

const (
	actGrade     action = iota // grade the card (input.q)
	actReveal                  // show the back
	actSkip                    // leave the card for this sitting
	actUndo                    // cancel the newest grade of the study day
	actQuit                    // end the sitting with its summary
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
