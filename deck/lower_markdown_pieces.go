package deck

// A long Markdown chapter is parsed a piece at a time (lowerMarkdown): the
// pieces are cut where a block must start anyway.

import "strings"

// mdPiece is the size of the pieces of a long Markdown chapter, in bytes.
const mdPiece = 1 << 20

// mdPieces cuts src before ATX headings into pieces of at least size bytes
// (the last may be shorter), each ending with a line break but the last;
// a chapter without headings is cut, past 2 × size, before a paragraph at
// the top level after a blank line. A line inside a fenced code block, an
// HTML comment or a <pre>, <script>, <style> or <textarea> block is no
// place to cut.
//
// blocks is about how many blocks the chapter's top level holds: its runs
// of lines between blank lines, headings and code blocks, so that the
// blocks can be kept in one array of the size they need.
func mdPieces(src string, size int) (pieces []string, blocks int) {
	start := 0
	fence := ""   // the fence of the open code block, or ""
	rawEnd := ""  // what closes the open raw HTML block, or ""
	blank := true // the line before is blank
	for off := 0; off < len(src); {
		end := strings.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		l := src[off : off+end]
		heading, inside := false, fence != "" || rawEnd != ""
		switch {
		case fence != "":
			if t := strings.TrimLeft(l, " "); len(l)-len(t) <= 3 && strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]+" \t") == "" {
				fence = ""
			}
		case rawEnd != "":
			if strings.Contains(strings.ToLower(l), rawEnd) {
				rawEnd = ""
			}
		default:
			heading = atxHeading(l)
			if off-start >= size && heading || off-start >= 2*size && blank && plainStart(l) {
				pieces = append(pieces, src[start:off])
				start = off
			}
			fence, rawEnd = openCode(l)
		}
		empty := strings.TrimSpace(l) == ""
		open := fence != "" || rawEnd != ""
		if !inside && !empty && (blank || heading || open) {
			blocks++
		}
		blank = empty || heading || inside && !open
		off += end + 1
	}
	return append(pieces, src[start:]), blocks
}

// plainStart reports whether line l, after a blank line, can only start a
// paragraph at the top level: it is not indented (which would continue a
// list item) and starts no list item, quote, definition, table or HTML.
func plainStart(l string) bool {
	if l == "" || strings.IndexByte(" \t:>-*+|<=_~`", l[0]) >= 0 {
		return false
	}
	i := 0
	for i < len(l) && l[i] >= '0' && l[i] <= '9' {
		i++
	}
	return i == 0 || i == len(l) || l[i] != '.' && l[i] != ')'
}

// atxHeading reports whether line l is an ATX heading at the start of the
// line.
func atxHeading(l string) bool {
	n := 0
	for n < len(l) && n < 7 && l[n] == '#' {
		n++
	}
	return n >= 1 && n <= 6 && (n == len(l) || l[n] == ' ' || l[n] == '\t')
}

// openCode returns the fence that line l opens (``` or ~~~, at most three
// spaces in), or what ends the raw HTML block it opens ("-->", "</pre>", …)
// when it does not end on l itself.
func openCode(l string) (fence, rawEnd string) {
	t := strings.TrimLeft(l, " ")
	if len(l)-len(t) > 3 {
		return "", ""
	}
	for _, f := range []string{"```", "~~~"} {
		if strings.HasPrefix(t, f) {
			n := len(f)
			for n < len(t) && t[n] == f[0] {
				n++
			}
			return t[:n], ""
		}
	}
	if !strings.HasPrefix(t, "<") {
		return "", ""
	}
	lt := strings.ToLower(t)
	for _, r := range [][2]string{{"<!--", "-->"}, {"<pre", "</pre>"}, {"<script", "</script>"}, {"<style", "</style>"}, {"<textarea", "</textarea>"}} {
		if strings.HasPrefix(lt, r[0]) && !strings.Contains(lt[len(r[0]):], r[1]) {
			return "", r[1]
		}
	}
	return "", ""
}
