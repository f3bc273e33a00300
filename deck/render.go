package deck

import (
	"strings"
	"unicode/utf8"
)

// Blocks are written back as card text in the card markup. Paragraphs keep
// *em*, **strong** and `code`; a soft line break becomes a space, a hard one
// a line break. A list in a back gives one line per item without its bullet
// or number, each item but the last ending in ";" unless it ends in
// punctuation; in a front the items run on one line, joined by "; " (by ", "
// when every item is one word). A code
// block in a back keeps its lines, each written as a `code` span
// (indentation kept inside the span), so every exporter that renders the
// markup shows it in a monospaced font. A table gives one line per row, its
// cells joined by " | ".

// renderLines joins paragraph lines: a soft break becomes a space, a hard
// one a line break.
func renderLines(lines []string, hard lineBreaks) string {
	var b strings.Builder
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if i > 0 && b.Len() > 0 {
			if hard.at(i - 1) {
				b.WriteString("\n")
			} else {
				b.WriteString(" ")
			}
		}
		b.WriteString(l)
	}
	return strings.TrimSpace(b.String())
}

// renderBack writes blocks as the back of a card.
func renderBack(bs []block) string {
	var parts []string
	for _, b := range bs {
		if s := renderBlock(b, false); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.TrimSpace(strings.Join(parts, "\n"))
}

// renderFront writes blocks on one line, as a front.
func renderFront(bs []block) string {
	var parts []string
	for i, b := range bs {
		s := renderBlock(b, true)
		if s == "" {
			continue
		}
		if b.kind == blockList && i+1 < len(bs) && !endsWithPunct(s) {
			s += "."
		}
		parts = append(parts, s)
	}
	return strings.TrimSpace(strings.Join(parts, " "))
}

// shortItems reports whether every item is one word with no punctuation
// of its own, so that a front lists them with commas.
func shortItems(items []string) bool {
	for _, it := range items {
		if len(strings.Fields(it)) > 1 || strings.ContainsAny(it, ",;:.") {
			return false
		}
	}
	return len(items) > 0
}

func endsWithPunct(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, "*_` "))
	return strings.ContainsRune(".!?:;。？！", r)
}

// renderBlock writes one block; inline puts it on one line.
func renderBlock(b block, inline bool) string {
	switch b.kind {
	case blockHeading:
		return "**" + cleanHeading(b.text) + "**"
	case blockPara:
		if b.linkOnly {
			return ""
		}
		s := renderLines(b.lines, b.hard)
		if inline {
			s = strings.ReplaceAll(s, "\n", " ")
		}
		return s
	case blockList:
		var items []string
		for _, it := range b.items {
			var s string
			switch {
			case len(it.blocks) == 1 && it.blocks[0].linkOnly:
				// An item that is a link says what it links to.
				s = renderLines(it.blocks[0].lines, it.blocks[0].hard)
			case inline:
				s = renderFront(it.blocks)
			default:
				s = renderBack(it.blocks)
			}
			if s != "" {
				items = append(items, s)
			}
		}
		if inline {
			if shortItems(items) {
				return strings.Join(items, ", ")
			}
			for i := range items[:max(len(items)-1, 0)] {
				items[i] = strings.TrimRight(items[i], ";") + ";"
			}
			return strings.Join(items, " ")
		}
		for i := range items[:max(len(items)-1, 0)] {
			if !endsWithPunct(items[i]) {
				items[i] += ";"
			}
		}
		return strings.Join(items, "\n")
	case blockCode:
		var out []string
		for _, l := range b.lines {
			if strings.TrimSpace(l) == "" {
				if !inline {
					out = append(out, "")
				}
				continue
			}
			out = append(out, codeSpan(strings.TrimRight(l, " \t")))
		}
		for len(out) > 0 && out[len(out)-1] == "" {
			out = out[:len(out)-1]
		}
		if inline {
			return strings.Join(out, " ")
		}
		return strings.Join(out, "\n")
	case blockTable:
		var rows []string
		for _, r := range b.rows {
			rows = append(rows, strings.Join(r, " | "))
		}
		if inline {
			return strings.Join(rows, "; ")
		}
		return strings.Join(rows, "\n")
	case blockDefs:
		var rows []string
		for _, d := range b.defs {
			rows = append(rows, d[0]+": "+d[1])
		}
		if inline {
			return strings.Join(rows, "; ")
		}
		return strings.Join(rows, "\n")
	case blockDetails:
		s := cleanHeading(b.text)
		if r := renderBack(b.body); r != "" {
			if s != "" {
				s += "\n"
			}
			s += r
		}
		return s
	case blockQuote:
		if inline {
			return renderFront(b.body)
		}
		return renderBack(b.body)
	}
	return ""
}

// codeSpan writes one line of code as a `code` span, with a longer fence
// when the line holds backticks.
func codeSpan(l string) string {
	if !strings.Contains(l, "`") {
		return "`" + l + "`"
	}
	fence := "``"
	for strings.Contains(l, fence) {
		fence += "`"
	}
	return fence + " " + l + " " + fence
}

// bareText removes what looks like markup from s, for matching the shapes
// of chapter text: "**", "__", "`", and a "*" that touches a word. (Spans
// reads card text exactly; this only has to be quick and forgiving.)
func bareText(s string) string {
	if !strings.ContainsAny(s, "*`_") {
		return strings.TrimSpace(s)
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '`':
			continue
		case (c == '*' || c == '_') && i+1 < len(s) && s[i+1] == c:
			i++
			continue
		case c == '*' && (i+1 < len(s) && s[i+1] != ' ' || i > 0 && s[i-1] != ' '):
			continue
		}
		b = append(b, c)
	}
	return strings.TrimSpace(string(b))
}
