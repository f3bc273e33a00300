package deck

// Tables in a page saved as text: rows with pipes, with TABs, with their
// cells glued together ("Duration130 min") or flattened with spaces under a
// header, each lowered to a table block.

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// glue returns where the cells of a table row glued together meet: the first
// lower-case letter followed by a capital or a digit ("Duration130
// minutes", "FormatSingle choice"), or -1. When a run of capitals follows
// and its last one starts a word ("DynamoDBFast reads"), the run but that
// last capital belongs to the left cell.
func glue(s string) int {
	prev := rune(0)
	for i, r := range s {
		if unicode.IsLower(prev) && (unicode.IsUpper(r) || unicode.IsDigit(r)) {
			if unicode.IsUpper(r) {
				return i + acronym(s[i:])
			}
			return i
		}
		prev = r
	}
	return -1
}

// acronym returns the length of the capitals that open s and belong before
// a capitalized word right after them ("DB" in "DBFast"), or 0.
func acronym(s string) int {
	n, last := 0, 0
	for i, r := range s {
		if !unicode.IsUpper(r) {
			if unicode.IsLower(r) && n >= 3 {
				return last
			}
			return 0
		}
		n++
		last = i
	}
	return 0
}

// pipeRow splits a table row written with pipes ("| a | b |") into its
// cells, or returns nil.
func pipeRow(s string) []string {
	t := strings.TrimSpace(s)
	if len(t) < 3 || t[0] != '|' || t[len(t)-1] != '|' {
		return nil
	}
	cells := strings.Split(t[1:len(t)-1], "|")
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	return cells
}

// pipeRule reports whether cells are a table's header rule ("|---|:--:|").
func pipeRule(cells []string) bool {
	for _, c := range cells {
		if strings.Trim(c, "-:+ ") != "" || !strings.Contains(c, "-") {
			return false
		}
	}
	return len(cells) > 0
}

// scanPipeTables finds tables written with pipes: two or more lines in a
// row that start and end with "|"; a rule line after the first makes it
// the header.
func (l *textLowering) scanPipeTables() {
	for i := 0; i < len(l.lines); i++ {
		j := i
		for j < len(l.lines) && pipeRow(l.lines[j]) != nil {
			j++
		}
		if j-i >= 2 {
			if l.tables == nil {
				l.tables, l.glued = map[int]int{}, map[int]bool{}
			}
			l.tables[i] = j
			if l.piped == nil {
				l.piped = map[int]bool{}
			}
			l.piped[i] = true
		}
		if j > i {
			i = j - 1
		}
	}
}

// tabCells splits a line of two cells separated by one TAB, or returns
// nil.
func tabCells(s string) []string {
	t := strings.TrimSpace(s)
	a, b, ok := strings.Cut(t, "\t")
	if !ok || strings.Contains(b, "\t") || strings.TrimSpace(a) == "" || strings.TrimSpace(b) == "" {
		return nil
	}
	return []string{strings.TrimSpace(a), strings.TrimSpace(b)}
}

// scanTabTables finds tables of two columns separated by a TAB, as
// flashcard sites export them: three or more such lines in a row.
func (l *textLowering) scanTabTables() {
	for i := 0; i < len(l.lines); i++ {
		if _, ok := l.tables[i]; ok {
			i = l.tables[i] - 1
			continue
		}
		j := i
		for j < len(l.lines) && tabCells(l.lines[j]) != nil {
			j++
		}
		if j-i >= 3 {
			if l.tables == nil {
				l.tables, l.glued = map[int]int{}, map[int]bool{}
			}
			if l.tabbed == nil {
				l.tabbed = map[int]bool{}
			}
			l.tables[i], l.tabbed[i] = j, true
		}
		if j > i {
			i = j - 1
		}
	}
}

// scanGluedTables finds tables whose cells were glued together when the
// page was saved as text: three or more consecutive short lines, none a
// list item or a question, each with a glue point.
func (l *textLowering) scanGluedTables() {
	start := -1
	for i := 0; i <= len(l.lines); i++ {
		ok := i < len(l.lines)
		if ok {
			s := l.lines[i]
			t := strings.TrimSpace(s)
			_, item := listMarker(s)
			ok = t != "" && len(t) <= 100 && glue(t) > 0 && !item && !qMarked(t) && !isQuestionEnd(t) && !endsSentence(t[:glue(t)])
		}
		if ok {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && i-start >= 3 {
			if l.tables == nil {
				l.tables, l.glued = map[int]int{}, map[int]bool{}
			}
			l.tables[start] = i
			l.glued[start] = true
		}
		start = -1
	}
}

// scanSpacedTables finds tables flattened with spaces between their cells:
// a header of two to six words that hold letters, none longer than 20 bytes,
// then three or more lines with more words than the header, with no blank
// line between them, that are no list items. The first cell of a row ends where most rows show a cell
// boundary (see cellEnd); a table whose rows show none is no table.
func (l *textLowering) scanSpacedTables() {
	for i := 0; i+3 < len(l.lines); i++ {
		if _, ok := l.tables[i]; ok {
			i = l.tables[i]
			continue
		}
		h := strings.TrimSpace(l.lines[i])
		if len(h) > 120 || !l.blank(i-1) || l.blank(i+1) || strings.ContainsAny(h, ".,:;?!()|") {
			continue
		}
		words := strings.Fields(h)
		if len(words) < 2 || len(words) > 6 {
			continue
		}
		simple := true
		for _, w := range words {
			if len(w) > 20 || strings.IndexFunc(w, unicode.IsLetter) < 0 {
				simple = false
			}
		}
		if !simple {
			continue
		}
		end := i + 1
		for end < len(l.lines) && !l.blank(end) {
			if _, item := listMarker(l.lines[end]); item || len(strings.Fields(l.lines[end])) <= len(words) {
				break
			}
			end++
		}
		if end-i-1 < 3 || !l.blank(end) {
			continue
		}
		ends := make([]int, 0, end-i-1)
		for j := i + 1; j < end; j++ {
			ends = append(ends, cellEnd(strings.Fields(l.lines[j]), words))
		}
		width := mostCommon(ends)
		if width <= 0 {
			continue
		}
		if l.tables == nil {
			l.tables, l.glued = map[int]int{}, map[int]bool{}
		}
		if l.cells == nil {
			l.cells = map[int]int{}
		}
		l.tables[i] = end
		for j := i + 1; j < end; j++ {
			w := ends[j-i-1]
			if w <= 0 {
				w = width
			}
			l.cells[j] = w
		}
		i = end
	}
}

// cellEnd returns the number of words of a flattened row's first cell: the
// first place where the next word plainly starts a value (a digit or a
// sign, a capital after lower-case words, an all-capital word after
// mixed-case ones), or 0 when no place is plain. A header whose first word
// is lower case ("command description") expects lower-case first cells.
func cellEnd(row, header []string) int {
	for k := 1; k < len(row) && k <= 4; k++ {
		prev, next := row[k-1], row[k]
		r, _ := utf8.DecodeRuneInString(next)
		p, _ := utf8.DecodeRuneInString(prev)
		switch {
		case unicode.IsDigit(r) || strings.ContainsRune("$€£<>≈", r):
			return k
		case unicode.IsLower(p) && unicode.IsUpper(r) && k == 1:
			return k
		case allCaps(next) && !allCaps(prev) && len(next) >= 2:
			return k
		}
	}
	return 0
}

func allCaps(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 0
}

// mostCommon returns the most common positive value of vs (the smallest on
// a tie), or 0 when there is none or fewer than half of vs show one.
func mostCommon(vs []int) int {
	count := map[int]int{}
	best, n, plain := 0, 0, 0
	for _, v := range vs {
		if v <= 0 {
			continue
		}
		plain++
		count[v]++
		if c := count[v]; c > n || c == n && v < best {
			best, n = v, c
		}
	}
	if 2*plain < len(vs) {
		return 0
	}
	return best
}

// table lowers the table from line start to end (exclusive); its first row
// is the header.
func (l *textLowering) table(start, end int) block {
	b := block{kind: blockTable, line: start + 1, parts: boxParts(box{header: true})}
	if l.tabbed[start] {
		b.header = false
		for i := start; i < end; i++ {
			b.rows = append(b.rows, tabCells(l.lines[i]))
		}
		return b
	}
	if l.piped[start] {
		b.header = false
		for i := start; i < end; i++ {
			cells := pipeRow(l.lines[i])
			if pipeRule(cells) {
				b.header = i == start+1
				continue
			}
			b.rows = append(b.rows, cells)
		}
		return b
	}
	for i := start; i < end; i++ {
		t := strings.TrimSpace(l.lines[i])
		if l.glued[start] {
			k := glue(t)
			b.rows = append(b.rows, []string{strings.TrimSpace(t[:k]), strings.TrimSpace(t[k:])})
			continue
		}
		words := strings.Fields(t)
		if i == start {
			b.rows = append(b.rows, words)
			continue
		}
		w := l.cells[i]
		b.rows = append(b.rows, []string{strings.Join(words[:w], " "), strings.Join(words[w:], " ")})
	}
	return b
}
