package review

import (
	"fmt"
	"strings"
)

// Keys is the set of keys that grade a card.
type Keys uint8

const (
	// KeysSM2 grades with SM-2's qualities: 0–5, at once or after the
	// answer is shown.
	KeysSM2 Keys = iota
	// KeysAnki grades with Anki's four buttons once the answer is shown:
	// 1 Again, 2 Hard, 3 Good, 4 Easy, Space or Enter Good. Each logs the
	// SM-2 quality AnkiQuality gives.
	KeysAnki
)

// AnkiQuality maps Anki's buttons (1 Again, 2 Hard, 3 Good, 4 Easy) to
// the SM-2 quality a grade logs: Again is a lapse (1), Hard the lowest
// pass (3), Good 4, Easy 5.
var AnkiQuality = [5]int{1: 1, 2: 3, 3: 4, 4: 5}

// ankiButtons names Anki's buttons by number.
var ankiButtons = [5]string{1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}

// ParseKeys reads the name of a key set: "sm2" (or "") or "anki".
func ParseKeys(s string) (Keys, error) {
	switch strings.ToLower(s) {
	case "", "sm2", "sm-2":
		return KeysSM2, nil
	case "anki":
		return KeysAnki, nil
	}
	return 0, fmt.Errorf("unknown key set %q (want sm2 or anki)", s)
}

// action is what the user asks of a sitting.
type action uint8

const (
	actGrade     action = iota // grade the card (input.q)
	actReveal                  // show the back
	actSkip                    // leave the card for this sitting
	actUndo                    // cancel the newest grade of the study day
	actQuit                    // end the sitting with its summary
	actInterrupt               // Ctrl-C: end with the summary, exit status 130
	actHelp                    // show the keys
	actBury                    // keep the card out until the next study day
	actSuspend                 // keep the card out until unsuspended
	actScroll                  // move the card's text by input.q lines (scrollTop, scrollEnd: to an end)
	actNotYet                  // a grade before the answer is shown, with Anki's keys
)

// The scroll amounts that mean "to the top" and "to the end", and a page.
const (
	scrollTop  = -1 << 20
	scrollEnd  = 1 << 20
	scrollPage = 1 << 10 // stands for the height of the card's window
)

// input is one action with its grade.
type input struct {
	act action
	q   int // 0–5 for actGrade; the lines for actScroll
}

// parseLine reads one line of the line protocol: a grade ("0"–"5", or
// with Anki's keys "1"–"4"), "s", "u", "q", "-" (bury) or "@" (suspend),
// white space around it ignored. blank is true for an empty line, which
// the protocol ignores; ok is false for any other line.
func (k Keys) parseLine(line string) (in input, blank, ok bool) {
	s := strings.TrimSpace(line)
	switch {
	case s == "":
		return input{}, true, false
	case len(s) == 1 && k == KeysSM2 && '0' <= s[0] && s[0] <= '5':
		return input{act: actGrade, q: int(s[0] - '0')}, false, true
	case len(s) == 1 && k == KeysAnki && '1' <= s[0] && s[0] <= '4':
		return input{act: actGrade, q: AnkiQuality[s[0]-'0']}, false, true
	case s == "s":
		return input{act: actSkip}, false, true
	case s == "u":
		return input{act: actUndo}, false, true
	case s == "q":
		return input{act: actQuit}, false, true
	case s == "-":
		return input{act: actBury}, false, true
	case s == "@":
		return input{act: actSuspend}, false, true
	}
	return input{}, false, false
}

// parseLine is Keys.parseLine with SM-2's keys.
func parseLine(line string) (input, bool, bool) { return KeysSM2.parseLine(line) }

// key is one key of a terminal in raw mode: a byte, or a named key that
// arrived as an escape sequence.
type key struct {
	b     byte
	named string // "up", "down", "pgup", "pgdn", "home", "end"; "" for b
}

// escapes maps the escape sequences of the named keys (normal and
// application cursor modes) to their names.
var escapes = map[string]string{
	"\x1b[A": "up", "\x1b[B": "down", "\x1bOA": "up", "\x1bOB": "down",
	"\x1b[5~": "pgup", "\x1b[6~": "pgdn",
	"\x1b[H": "home", "\x1b[F": "end", "\x1bOH": "home", "\x1bOF": "end",
	"\x1b[1~": "home", "\x1b[4~": "end", "\x1b[7~": "home", "\x1b[8~": "end",
}

// splitKeys splits one read from a terminal into keys. An escape sequence
// that names no key is dropped with the rest of the read.
func splitKeys(buf []byte) []key {
	var out []key
	for i := 0; i < len(buf); i++ {
		if buf[i] != 0x1b {
			out = append(out, key{b: buf[i]})
			continue
		}
		found := false
		for n := 3; n <= 4 && i+n <= len(buf); n++ {
			if name, ok := escapes[string(buf[i:i+n])]; ok {
				out = append(out, key{named: name})
				i += n - 1
				found = true
				break
			}
		}
		if !found {
			break
		}
	}
	return out
}

// input maps one key to an action, the answer shown or not. Keys that
// mean nothing give ok false.
func (k Keys) input(c key, revealed bool) (in input, ok bool) {
	switch c.named {
	case "up":
		return input{act: actScroll, q: -1}, true
	case "down":
		return input{act: actScroll, q: 1}, true
	case "pgup":
		return input{act: actScroll, q: -scrollPage}, true
	case "pgdn":
		return input{act: actScroll, q: scrollPage}, true
	case "home":
		return input{act: actScroll, q: scrollTop}, true
	case "end":
		return input{act: actScroll, q: scrollEnd}, true
	}
	b := c.b
	switch {
	case b == ' ' || b == '\r' || b == '\n':
		if !revealed {
			return input{act: actReveal}, true
		}
		if k == KeysAnki {
			return input{act: actGrade, q: AnkiQuality[3]}, true
		}
		return input{}, false
	case k == KeysSM2 && '0' <= b && b <= '5':
		return input{act: actGrade, q: int(b - '0')}, true
	case k == KeysAnki && '1' <= b && b <= '4':
		if !revealed {
			return input{act: actNotYet}, true
		}
		return input{act: actGrade, q: AnkiQuality[b-'0']}, true
	case b == 'j':
		return input{act: actScroll, q: 1}, true
	case b == 'k':
		return input{act: actScroll, q: -1}, true
	case b == 'u' || b == 'U':
		return input{act: actUndo}, true
	case b == 's' || b == 'S':
		return input{act: actSkip}, true
	case b == '-':
		return input{act: actBury}, true
	case b == '@':
		return input{act: actSuspend}, true
	case b == '?':
		return input{act: actHelp}, true
	case b == 'q' || b == 'Q' || b == 0x04: // Ctrl-D
		return input{act: actQuit}, true
	case b == 0x03: // Ctrl-C
		return input{act: actInterrupt}, true
	}
	return input{}, false
}

// keysIn returns the actions of one read with SM-2's keys, the answer not
// yet shown: what the tests of the key reader use.
func keysIn(buf []byte) []input {
	var out []input
	for _, c := range splitKeys(buf) {
		if in, ok := KeysSM2.input(c, false); ok {
			out = append(out, in)
		}
	}
	return out
}
