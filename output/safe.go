package output

import (
	"fmt"
	"io"
)

// Safe returns s made safe to print on a terminal: every control character
// but the line break and the tab is shown, never sent: C0 controls and DEL
// as their Unicode pictures (ESC as ␛, BEL as ␇, NUL as ␀), C1 controls as
// <U+009B>. So no text of a card, deck, section or file can move the
// cursor, retitle the window, ring the bell or write the clipboard. It
// works on bytes, so text that is not UTF-8 passes unchanged but for its
// controls, and it returns s itself when it holds none.
func Safe(s string) string {
	i := unsafeAt(s)
	if i < 0 {
		return s
	}
	b := make([]byte, 0, len(s)+8)
	for ; i >= 0; i = unsafeAt(s) {
		b = append(b, s[:i]...)
		switch c := s[i]; {
		case c < 0x20:
			b = append(b, string(rune(0x2400+int(c)))...)
			s = s[i+1:]
		case c == 0x7f:
			b = append(b, "\u2421"...)
			s = s[i+1:]
		default: // C1, two bytes in UTF-8
			b = fmt.Appendf(b, "<U+%04X>", int(s[i+1]))
			s = s[i+2:]
		}
	}
	return string(append(b, s...))
}

// unsafeAt returns the index of the first control character in s other
// than a line break or a tab, or -1.
func unsafeAt(s string) int {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 && c != '\n' && c != '\t', c == 0x7f:
			return i
		case c == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] < 0xa0:
			return i
		}
	}
	return -1
}

// SafeWriter is a writer that writes what it is given through Safe: for a
// stream only people read, such as standard error.
type SafeWriter struct{ W io.Writer }

func (s SafeWriter) Write(p []byte) (int, error) {
	if unsafeAt(string(p)) < 0 {
		return s.W.Write(p)
	}
	if _, err := io.WriteString(s.W, Safe(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// ErrWriter remembers the first error of the writes to W, so that output
// lost to a closed or full stdout fails the command.
type ErrWriter struct {
	W   io.Writer
	Err error // the first error
}

func (e *ErrWriter) Write(p []byte) (int, error) {
	n, err := e.W.Write(p)
	if err != nil && e.Err == nil {
		e.Err = err
	}
	return n, err
}
