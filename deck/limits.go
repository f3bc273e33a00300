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
	for off := 0; off < len(text); lines++ {
		end := strings.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text) - off
		}
		l := text[off : off+end]
		off += end + 1
		depth, indent := 0, 0
	lead:
		for i := 0; i < len(l); i++ {
			switch l[i] {
			case '>':
				depth++
			case ' ':
				indent++
			case '\t':
				indent += 4
			default:
				break lead
			}
		}
		if depth > MaxDepth {
			return "", fmt.Errorf("%s:%d: block quotes nested deeper than %d", path, lines+1, MaxDepth)
		}
		if t := strings.TrimLeft(l, " \t>"); indent > 4*MaxDepth && (strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") || strings.HasPrefix(t, "+ ") || textNumbered.MatchString(head(t))) {
			return "", fmt.Errorf("%s:%d: list items nested deeper than %d", path, lines+1, MaxDepth)
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
