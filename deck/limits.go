package deck

import (
	"fmt"
	"strings"
)

// Limits keep the work and memory of a compile linear in the chapter's
// size, whatever the chapter holds. Each is checked before the chapter is
// lowered, and a chapter beyond one is refused with an error naming the
// line, rather than read slowly or in part.
const (
	// MaxDepth is the deepest nesting of block quotes, list items or HTML
	// elements.
	MaxDepth = 100
	// maxInlineMarks is the most emphasis and link markers ("*", "_",
	// "[", "]") one Markdown line may hold and keep them as markup; a line
	// with more has them escaped, read as text (a Markdown parser's work
	// on them grows faster than the line).
	maxInlineMarks = 1000
	// maxTextDepth is the deepest level of the lists of a page saved as
	// text; items indented deeper join the deepest level.
	maxTextDepth = 32
)

// checkMarkdown refuses a Markdown chapter whose block quotes or lists nest
// deeper than MaxDepth, and escapes the markers of lines that hold more
// than maxInlineMarks of them. It returns the text to lower.
func checkMarkdown(path, text string) (string, error) {
	var escaped []string // lines rewritten, by index; nil while none is
	lines := 0
	// Each level a line opens is a node of the parser's tree on that line:
	// the levels of all lines together may be one for every 16 bytes of
	// the chapter (ordinary notes open one for 50 or more), so that the
	// tree stays a small multiple of the file.
	levels, budget := 0, len(text)/16+2000
	for off := 0; off < len(text); lines++ {
		end := strings.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text) - off
		}
		l := text[off : off+end]
		off += end + 1
		quotes, items, indent := 0, 0, 0
	lead:
		// The containers the line opens: quote markers, and list markers
		// ("- ", "* ", "+ ", "1. ", "1) ") one after another on the line.
		for i := 0; i < len(l); i++ {
			switch c := l[i]; {
			case c == '>':
				quotes++
			case c == ' ':
				indent++
			case c == '\t':
				indent += 4
			case (c == '-' || c == '*' || c == '+') && i+1 < len(l) && (l[i+1] == ' ' || l[i+1] == '\t'):
				items++
				i++ // the space after the marker is not indentation
			case c >= '0' && c <= '9':
				j := i
				for j < len(l) && j-i < 9 && l[j] >= '0' && l[j] <= '9' {
					j++
				}
				if j+1 < len(l) && (l[j] == '.' || l[j] == ')') && (l[j+1] == ' ' || l[j+1] == '\t') {
					items++
					i = j + 1
					continue
				}
				break lead
			default:
				break lead
			}
		}
		if quotes > MaxDepth {
			return "", fmt.Errorf("%s:%d: block quotes nested deeper than %d", path, lines+1, MaxDepth)
		}
		if items > MaxDepth || indent > 4*MaxDepth && items > 0 {
			return "", fmt.Errorf("%s:%d: list items nested deeper than %d", path, lines+1, MaxDepth)
		}
		if quotes+items > MaxDepth {
			return "", fmt.Errorf("%s:%d: block quotes and list items nested deeper than %d", path, lines+1, MaxDepth)
		}
		if levels += quotes + items; levels > budget {
			return "", fmt.Errorf("%s:%d: lists and quotes nest %d levels up to here, more than a chapter of %d bytes may (%d)", path, lines+1, levels, len(text), budget)
		}
		if n := strings.Count(l, "*") + strings.Count(l, "_") + strings.Count(l, "[") + strings.Count(l, "]"); n > maxInlineMarks {
			if escaped == nil {
				escaped = strings.Split(text, "\n")
			}
			escaped[lines] = escapeMarks(l)
		}
	}
	if escaped != nil {
		return strings.Join(escaped, "\n"), nil
	}
	return text, nil
}

// escapeMarks writes a backslash before every "*", "_", "[" and "]" of l.
func escapeMarks(l string) string {
	var b strings.Builder
	b.Grow(len(l) * 2)
	for i := 0; i < len(l); i++ {
		switch l[i] {
		case '*', '_', '[', ']':
			b.WriteByte('\\')
		}
		b.WriteByte(l[i])
	}
	return b.String()
}
