package deck

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A page saved as text has no markup: its structure is inferred from the
// shapes of its lines. Each line is a block of its own (a scraped page puts
// one element on a line); tight marks a line that follows the one before it
// without a blank line. Then:
//
//	CHAPTER 20                       between the course and the title: the
//	                                 deck name "COURSE::Chapter 20"
//	# Title                          a heading of that rank
//	5. Part 1: Core Questions        a numbered section heading (column 0,
//	                                 short, no sentence, blank line after)
//	Frequently Asked Questions       on a page that numbers none of its
//	                                 headings, a short line on its own that is
//	                                 no sentence: an inferred heading (it may
//	                                 as well be a term or a prompt)
//	  • item / - item / 1. item      list items, nested by indentation; a
//	  1. 2. RESTful APIs: …          line indented under an item continues it;
//	                                 doubled numbering is one item, numbered 2
//	ItemDetails / Duration130 min    a table whose cells were glued together:
//	                                 three or more short lines that each split
//	                                 where a lower-case letter meets a capital
//	                                 or a digit; the first row is the header
//	command description              a table flattened with spaces: a header
//	hostname Display the name …      of two to six words, then three or more
//	                                 rows whose first cell ends where the
//	                                 header's first column does in most rows
//	A                                the letter of an A–Z index above a term
//	                                 that starts with it: dropped

// textLowering holds the state of one lowering of a page saved as text.
type textLowering struct {
	lines    []string
	doc      document
	numbered bool        // the page numbers its section headings
	tables   map[int]int // first line of a table → the line after it
	cells    map[int]int // rows of a flattened table → the byte where its first cell ends
	glued    map[int]bool
	piped    map[int]bool // tables written with pipes
	tabbed   map[int]bool // tables of two columns split by a TAB
	dialect  dialect
	rstRanks []byte // the title adornments of a reStructuredText page, by rank
}

// Org, AsciiDoc and reStructuredText are lowered as text is, with their
// headings read as written: "** Title" (Org), "== Title" (AsciiDoc), a
// title over a line of "=", "-" or "~" (reStructuredText, ranked in the
// order the page first uses each); Org's "#+" settings give the title
// ("#+TITLE:") or are dropped.

// dialect is the markup of a text chapter.
type dialect uint8

const (
	plainDialect dialect = iota
	orgDialect
	asciidocDialect
	rstDialect
)

// dialectOf returns the dialect of a chapter by its extension.
func dialectOf(ext string) dialect {
	switch ext {
	case ".org":
		return orgDialect
	case ".adoc", ".asciidoc", ".asc":
		return asciidocDialect
	case ".rst", ".rest":
		return rstDialect
	}
	return plainDialect
}

// lowerText lowers a page saved as text (LF line ends, NFC, no BOM), or a
// text chapter in a dialect.
func lowerText(text string, dl dialect) document {
	l := &textLowering{lines: strings.Split(text, "\n"), doc: document{text: true}, dialect: dl}
	l.header()
	for i := range l.lines {
		if l.numberedHeading(i) {
			l.numbered = true
			break
		}
	}
	l.scanPipeTables()
	l.scanTabTables()
	l.scanGluedTables()
	l.scanSpacedTables()
	l.lower()
	return l.doc
}

var textChapterLine = lazyCompile(`^CHAPTER\s+(\d+)\b`)

// header finds the course, chapter number and title the page shows: a
// "CHAPTER N" line between the course name and the chapter title.
func (l *textLowering) header() {
	for i, s := range l.lines {
		m := textChapterLine.FindStringSubmatch(strings.TrimSpace(s))
		if m == nil {
			continue
		}
		course := l.neighbour(i, -1)
		l.doc.title = l.neighbour(i, +1)
		if course != "" {
			l.doc.name = course + "::Chapter " + m[1]
		}
		return
	}
}

// neighbour returns the nearest non-blank line before (dir −1) or after
// (dir +1) line i, trimmed, or "".
func (l *textLowering) neighbour(i, dir int) string {
	for j := i + dir; j >= 0 && j < len(l.lines); j += dir {
		if t := strings.TrimSpace(l.lines[j]); t != "" {
			return t
		}
	}
	return ""
}

func (l *textLowering) blank(i int) bool {
	return i < 0 || i >= len(l.lines) || strings.TrimSpace(l.lines[i]) == ""
}

// listOpen is a list being filled, at the indentation of its markers.
type listOpen struct {
	indent int
	b      *block
}

// lower turns the lines into blocks.
func (l *textLowering) lower() {
	var out []block
	var stack []listOpen // open lists, outermost first; their blocks live in out or in items
	blankBefore := true
	// closeLists ends the open lists deeper than indent (all for -1).
	closeLists := func(indent int) {
		for len(stack) > 0 && stack[len(stack)-1].indent > indent {
			stack = stack[:len(stack)-1]
		}
	}
	// appendTo adds b where it belongs: inside the last item of the
	// innermost open list when it is indented under it, else at the top.
	for i := 0; i < len(l.lines); i++ {
		raw := l.lines[i]
		t := strings.TrimSpace(raw)
		if t == "" {
			blankBefore = true
			continue
		}
		tight := !blankBefore
		blankBefore = false
		line := i + 1
		if end, ok := l.tables[i]; ok {
			closeLists(-1)
			out = append(out, l.table(i, end))
			i = end - 1
			continue
		}
		indent := indentOf(raw)
		if n, text, skip := l.dialectHeading(i); n > 0 {
			closeLists(-1)
			out = append(out, block{kind: blockHeading, line: line, level: uint8(n), text: text, tight: tight})
			i += skip
			continue
		} else if skip < 0 {
			continue // a setting or an adornment, no text
		}
		if m, ok := listMarker(raw); ok && !(indent == 0 && l.numberedHeading(i)) {
			closeLists(indent)
			if len(stack) > 0 && stack[len(stack)-1].indent == indent && stack[len(stack)-1].b.ordered != m.ordered {
				stack = stack[:len(stack)-1]
			}
			it := item{num: m.num, line: line, blocks: []block{para(line, m.text)}}
			if len(stack) > 0 && stack[len(stack)-1].indent == indent {
				b := stack[len(stack)-1].b
				b.items = append(b.items, it)
				continue
			}
			if len(stack) >= maxTextDepth {
				// Deeper than the limit: an item of the deepest list.
				b := stack[len(stack)-1].b
				b.items = append(b.items, it)
				continue
			}
			nb := block{kind: blockList, line: line, tight: tight, parts: listParts(m.ordered, m.num, []item{it})}
			var b *block
			if len(stack) > 0 {
				parent := stack[len(stack)-1].b
				last := &parent.items[len(parent.items)-1]
				last.blocks = append(last.blocks, nb)
				b = &last.blocks[len(last.blocks)-1]
			} else {
				out = append(out, nb)
				b = &out[len(out)-1]
			}
			stack = append(stack, listOpen{indent: indent, b: b})
			continue
		}
		if len(stack) > 0 {
			top := stack[len(stack)-1]
			if tight && indent > top.indent {
				// A line indented under an item continues it.
				last := &top.b.items[len(top.b.items)-1]
				p := para(line, t)
				p.tight = true
				last.blocks = append(last.blocks, p)
				continue
			}
			closeLists(-1)
		}
		if l.indexLetter(i) {
			continue
		}
		switch {
		case toggleHeading(t):
			// "Cheat Sheet▾": the title of a collapsible section.
			out = append(out, block{kind: blockHeading, line: line, level: 3, text: strings.TrimRight(t, "▾▸▼►▶ "), tight: tight})
		case indent == 0 && strings.HasPrefix(t, "#") && mdHeading(t) > 0 && l.dialect == plainDialect && l.standalone(i):
			n := mdHeading(t)
			out = append(out, block{kind: blockHeading, line: line, level: uint8(n), text: strings.TrimSpace(t[n:]), tight: tight})
		case indent == 0 && l.numberedHeading(i):
			m := textHeading.MatchPrefix(t)
			out = append(out, block{kind: blockHeading, line: line, level: 2, text: strings.TrimSpace(m[2]), tight: tight})
		case indent == 0 && closingHeading(t):
			// "Conclusion", "Related articles": a heading even without a
			// blank line around it.
			out = append(out, block{kind: blockHeading, line: line, level: 3, text: t, inferred: true, tight: tight})
		case !l.numbered && l.standalone(i) && headingLike(t) && !answerLabel(l.neighbour(i, -1)):
			out = append(out, block{kind: blockHeading, line: line, level: 3, text: t, inferred: true, tight: tight})
		default:
			p := para(line, t)
			p.tight = tight
			out = append(out, p)
		}
	}
	l.doc.blocks = out
	if l.doc.title == "" {
		for _, b := range out {
			if b.kind == blockHeading {
				l.doc.title = cleanHeading(b.text)
				break
			}
		}
	}
}

// dialectHeading reads a heading of the page's dialect at line i: its rank
// (0 when none), its text, and the lines after it that belong to it. A
// negative count means line i is markup with no text.
func (l *textLowering) dialectHeading(i int) (rank int, text string, skip int) {
	s := l.lines[i]
	switch l.dialect {
	case orgDialect:
		if strings.HasPrefix(s, "#+") {
			if k, v, ok := strings.Cut(s[2:], ":"); ok && strings.EqualFold(k, "title") && l.doc.title == "" {
				l.doc.title = strings.TrimSpace(v)
			}
			return 0, "", -1
		}
		n := 0
		for n < len(s) && s[n] == '*' {
			n++
		}
		if n > 0 && n < len(s) && s[n] == ' ' {
			return min(n, 6), strings.TrimSpace(s[n:]), 0
		}
	case asciidocDialect:
		n := 0
		for n < len(s) && s[n] == '=' {
			n++
		}
		if n > 0 && n < len(s) && s[n] == ' ' {
			if n == 1 && l.doc.title == "" {
				l.doc.title = strings.TrimSpace(s[n:])
			}
			return min(n, 6), strings.TrimSpace(s[n:]), 0
		}
	case rstDialect:
		if adornment(s) {
			return 0, "", -1
		}
		if t := strings.TrimSpace(s); t != "" && i+1 < len(l.lines) && adornment(l.lines[i+1]) && len(strings.TrimSpace(l.lines[i+1])) >= utf8.RuneCountInString(t) {
			c := strings.TrimSpace(l.lines[i+1])[0]
			rank := strings.IndexByte(string(l.rstRanks), c)
			if rank < 0 {
				l.rstRanks = append(l.rstRanks, c)
				rank = len(l.rstRanks) - 1
			}
			return min(rank+1, 6), t, 1
		}
	}
	return 0, "", 0
}

// adornment reports whether s is a reStructuredText title adornment: four
// or more of one of = - ~ ^ " # * + and nothing else.
func adornment(s string) bool {
	t := strings.TrimSpace(s)
	if len(t) < 4 || !strings.ContainsRune("=-~^\"#*+`", rune(t[0])) {
		return false
	}
	return strings.Count(t, t[:1]) == len(t)
}

// indentOf returns the width of s's leading white space, a TAB counting
// four.
func indentOf(s string) int {
	n := 0
	for _, r := range s {
		switch r {
		case ' ':
			n++
		case '\t':
			n += 4
		default:
			return n
		}
	}
	return n
}

// mdHeading returns the rank of a "# Title" line (1–6), or 0.
func mdHeading(t string) int {
	n := 0
	for n < len(t) && t[n] == '#' {
		n++
	}
	if n > 6 || n == len(t) || t[n] != ' ' {
		return 0
	}
	return n
}

// marker is what a list line starts with.
type marker struct {
	ordered bool
	num     int
	text    string
}

var (
	// The expressions below end in a group that MatchPrefix extends to the
	// end of the line: "(\S)" stands for "(\S.*)$".
	textHeading    = lazyCompile(`^(\d{1,2})\.\s+(\S)`)
	textDoubleStep = lazyCompile(`^\s*\d{1,5}[.)]\s+(\d{1,5})[.)]\s+(\S)`)
	textNumbered   = lazyCompile(`^\s*(\d{1,5})[.)]\s+(\S)`)
	textBullet     = lazyCompile(`^\s*[•·▪‣◦●○■□►▶–—*-]\s+(\S)`)
)

// listMarker reads the marker of a list line: a bullet ("•", "-", "*",
// "–") or a number ("3.", "3)", doubled "1. 3."), followed by a space.
func listMarker(raw string) (marker, bool) {
	t := strings.TrimLeft(raw, " \t")
	if t == "" {
		return marker{}, false
	}
	if c := t[0]; !('0' <= c && c <= '9' || c == '-' || c == '*' || c >= utf8.RuneSelf) {
		return marker{}, false
	}
	h := head(raw)
	if m := textDoubleStep.MatchPrefix(h); m != nil {
		n, _ := strconv.Atoi(m[1])
		return marker{ordered: true, num: n, text: strings.TrimSpace(raw[len(h)-len(m[2]):])}, true
	}
	if m := textNumbered.MatchPrefix(h); m != nil {
		n, _ := strconv.Atoi(m[1])
		return marker{ordered: true, num: n, text: strings.TrimSpace(raw[len(h)-len(m[2]):])}, true
	}
	if m := textBullet.MatchPrefix(h); m != nil {
		return marker{text: strings.TrimSpace(raw[len(h)-len(m[1]):])}, true
	}
	return marker{}, false
}

// numberedHeading reports whether line i, at column 0, is a numbered
// section heading: "5. Part 1: Core Questions", short, not a sentence, not
// an answer-key line, followed by a blank line or the end.
func (l *textLowering) numberedHeading(i int) bool {
	s := l.lines[i]
	if s == "" || s[0] < '0' || s[0] > '9' {
		return false
	}
	m := textHeading.MatchPrefix(head(s))
	if m == nil {
		return false
	}
	text := strings.TrimSpace(s[len(head(s))-len(m[2]):])
	if len(strings.Fields(text)) > 12 || strings.HasSuffix(text, ".") || isQuestionEnd(text) || strings.HasSuffix(text, ":") {
		return false
	}
	if keyAnswer.MatchString(text) || asksWithout(text) {
		return false // "3. B" in an answer key; "4. Explain …"
	}
	return l.blank(i + 1)
}

// standalone reports whether line i has blank lines (or the page's edges)
// on both sides.
func (l *textLowering) standalone(i int) bool {
	return (l.blank(i-1) || l.indexLetter(i-1)) && l.blank(i+1)
}

// headingLike reports whether a line on its own can be a heading: short,
// no sentence, no question or lead-in, no counter, starting with a capital,
// a digit or a letter of a script without case (emoji and marks before it
// allowed).
func headingLike(t string) bool {
	if len(t) > 80 || len(strings.Fields(t)) > 10 || endsSentence(t) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	if strings.ContainsRune(":?？;,", last) {
		return false
	}
	s := strings.TrimLeftFunc(t, func(r rune) bool {
		return unicode.Is(unicode.So, r) || r == 0xFE0F || unicode.IsSpace(r) || strings.ContainsRune("*(.#@$'\"[", r)
	})
	first, _ := utf8.DecodeRuneInString(s)
	led := len(s) < len(t) && strings.ContainsRune("*(.#@$'\"[", rune(t[0])) // "*(star) …", ".NET"
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) && !(unicode.IsLetter(first) && !unicode.IsLower(first)) && !(led && unicode.IsLetter(first)) {
		return false
	}
	if _, _, ok := splitTerm(t, false); ok || chain(para(0, t)) {
		return false // "Term: value", "Answer: B", "Build -> Test -> Ship"
	}
	return !qMarked(t) && !counterLine(t) && !strings.Contains(t, "::")
}

// toggleHeading reports whether t is the title of a collapsible section
// as a page saved as text shows it, its arrow after it ("Cheat Sheet▾"):
// short, no sentence.
func toggleHeading(t string) bool {
	for _, arrow := range []string{"▾", "▸", "▼", "►", "▶"} {
		if strings.HasSuffix(t, arrow) {
			s := strings.TrimSpace(strings.TrimSuffix(t, arrow))
			return s != "" && len(strings.Fields(s)) <= 8 && !endsSentence(s) && !isQuestionEnd(s)
		}
	}
	return false
}

// indexLetter reports whether line i is the letter of an A–Z index: one
// capital on its own, the next line starting with it.
func (l *textLowering) indexLetter(i int) bool {
	if i < 0 {
		return false
	}
	t := strings.TrimSpace(l.lines[i])
	r, n := utf8.DecodeRuneInString(t)
	if n != len(t) || !unicode.IsUpper(r) || i+1 >= len(l.lines) {
		return false
	}
	next := strings.TrimSpace(l.lines[i+1])
	if next == "" && i+2 < len(l.lines) {
		next = strings.TrimSpace(l.lines[i+2])
	}
	r2, _ := utf8.DecodeRuneInString(next)
	return r2 == r && len(next) > n
}

// head returns the first 256 bytes of s or so (cut at a rune boundary):
// enough to match a line's shape against a regexp anchored at its start.
func head(s string) string {
	if len(s) <= 256 {
		return s
	}
	n := 256
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// counterLine reports whether t is the counter of a quiz item: "1 / 5",
// "Question 3 of 10", "1/79".
func counterLine(t string) bool {
	if len(t) > 24 || t == "" || !(t[0] >= '0' && t[0] <= '9' || t[0] == 'Q') {
		return false
	}
	return textCounter.MatchString(t)
}

var (
	// textCounter is the counter of a quiz item: "1 / 5", "Question 3 of
	// 10".
	textCounter = lazyCompile(`^(?:(?:Question|Q)\s*)?(\d{1,5})\s*(?:/|of)\s*(\d{1,5})$`)
	// keyAnswer is the text of an answer-key line after its number: "B",
	// "B – because …".
	keyAnswer = lazyCompile(`^[A-H](?:$|[\s.):,;\-–—])`)
)
