package deck

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A chapter of any format is first lowered into one document model: a tree
// of blocks (headings with their rank, paragraphs, lists of items, code,
// tables, definition lists, <details>, block quotes, rules), each with its
// source line and its text in the card markup (*em*, **strong**, `code`).
// One card finder (finder.go) reads that tree; no card rule lives in a
// format's lowering (lower_markdown.go, lower_html.go, lower_text.go).

// blockKind says what a block is.
type blockKind uint8

const (
	blockHeading blockKind = iota
	blockPara
	blockList
	blockCode
	blockTable
	blockDefs // a definition list: pairs of term and definition
	blockDetails
	blockQuote
	blockRule
	blockCards        // cards written in a card syntax (syntax.go)
	blockOpenDetails  // <details> whose </details> comes in a later block
	blockCloseDetails // the </details> that ends it
	blockSummaryEnd   // the </summary> of an open <details> whose summary spans blocks
)

// block is one block of a chapter.
type block struct {
	kind  blockKind
	level uint8 // heading rank 1–6
	// inferred marks a heading that a page saved as text suggests by its
	// shape (a short line on its own) rather than states: it may as well
	// be a term or a prompt.
	inferred bool
	// more marks an open-details marker whose summary goes on in the
	// blocks after it, up to a summary-end marker.
	more bool
	// tight reports a block of a page saved as text (where each line is a
	// block of its own) that follows the one before it with no blank line
	// between them.
	tight    bool
	linkOnly bool   // a paragraph that is nothing but a link
	role     role   // what the finder found the block to be, before reading it
	asked    uint8  // 1 + how surely a paragraph asks (asks), 0 before it is known
	line     int    // 1-based source line, 0 when unknown
	text     string // heading text, <summary> text, or a block quote's callout title
	// Paragraph lines in the card markup; hard.at(i) reports a hard line
	// break after lines[i] (else a soft one). Code lines for code blocks.
	lines []string
	hard  lineBreaks
	// The parts of lists, tables, definition lists, details and quotes, kept
	// out of line so that the many paragraphs and headings stay small; set
	// for blocks of those kinds, nil for the others.
	*parts
}

// role is what the finder finds a block to be from the blocks around it.
type role uint8

const (
	roleNone   role = iota
	roleTerm        // a term of a glossary run: a heading over its definition, or a "Term: definition" line
	rolePair        // a term line over its definition line, in a run of such pairs
	roleAnswer      // the first block after an answer label ("Answer", "Correct Answer")
	roleTitle       // the first inferred heading of a page saved as text: its title, no prompt
)

// parts holds what only some kinds of block have.
type parts struct {
	ordered bool
	start   int    // the number of an ordered list's first item
	items   []item // list items
	// The parts of the other containers, in a struct of their own so that
	// the many lists stay small. A list's is listBox, which holds nothing
	// and is never written.
	*box
}

// box holds the parts of tables, definition lists, details, quotes and
// card syntax.
type box struct {
	rows    [][]string // table rows
	header  bool       // the first table row is a header
	defs    [][2]string
	defLine []int   // the source line of each of defs, 0 when unknown
	body    []block // details and block quote content
	callout string  // a block quote's callout type ("info" for "> [!info]"), lower case
	cards   []Card  // the cards of a card syntax
}

// listBox is the (empty) box of every list.
var listBox = &box{}

// listParts returns the parts of a list.
func listParts(ordered bool, start int, items []item) *parts {
	return &parts{ordered: ordered, start: start, items: items, box: listBox}
}

// boxParts returns the parts of a container other than a list.
func boxParts(m box) *parts { return &parts{box: &m} }

// lineBreaks records which lines of a paragraph end in a hard line break. Most
// paragraphs have none, so it is a pointer, nil for those: a block stays
// small.
type lineBreaks struct{ hard *[]bool }

// at reports whether line i ends in a hard break.
func (h lineBreaks) at(i int) bool { return h.hard != nil && i < len(*h.hard) && (*h.hard)[i] }

// set records a hard break at the end of line i.
func (h *lineBreaks) set(i int) {
	if h.hard == nil {
		h.hard = new([]bool)
	}
	for len(*h.hard) <= i {
		*h.hard = append(*h.hard, false)
	}
	(*h.hard)[i] = true
}

// clear records a soft break at the end of line i.
func (h lineBreaks) clear(i int) {
	if h.at(i) {
		(*h.hard)[i] = false
	}
}

// from returns the breaks of the lines from line n on.
func (h lineBreaks) from(n int) lineBreaks {
	if h.hard == nil || n >= len(*h.hard) {
		return lineBreaks{}
	}
	rest := (*h.hard)[n:]
	return lineBreaks{&rest}
}

// after returns the breaks of the lines with one more line, soft, before
// the first.
func (h lineBreaks) after() lineBreaks {
	if h.hard == nil {
		return h
	}
	more := append([]bool{false}, *h.hard...)
	return lineBreaks{&more}
}

// item is one list item: its number, check box state and blocks.
type item struct {
	num    int // the item's number in an ordered list, as written
	check  int // 0 no check box, 1 unticked, 2 ticked
	blocks []block
	line   int
}

// para returns a paragraph block of one line.
func para(line int, s string) block {
	return block{kind: blockPara, line: line, lines: []string{s}}
}

// document is a lowered chapter.
type document struct {
	name   string // deck name the page gives ("COURSE::Chapter N"), or ""
	title  string // chapter title, or ""
	blocks []block
	// text reports a page saved as text: its paragraphs are lines, and
	// headings may be inferred.
	text bool
}

// mergeByLine inserts the blocks of extra (in source order) among bs by
// their lines.
func mergeByLine(bs, extra []block) []block {
	if len(extra) == 0 {
		return bs
	}
	out := make([]block, 0, len(bs)+len(extra))
	k := 0
	for _, b := range bs {
		for k < len(extra) && b.line > 0 && extra[k].line < b.line {
			out = append(out, extra[k])
			k++
		}
		out = append(out, b)
	}
	return append(out, extra[k:]...)
}

// numberedLead matches a paragraph led by a number as a list item is:
// "**1、** …", "2、…", "**3.** …".
var numberedLead = lazyCompile(`^(?:\*\*)?(\d{1,3})(?:、\*\*|[.)]\*\*|、)\s*`)

// numberedParas turns runs of two or more paragraphs numbered 1, 2, 3 …
// as list items are ("**1、** …") into ordered lists.
func numberedParas(bs []block) []block {
	out := bs[:0]
	for i := 0; i < len(bs); {
		j, want := i, 1
		var items []item
		for j < len(bs) && bs[j].kind == blockPara {
			m := numberedLead.FindStringSubmatchIndex(bs[j].lines[0])
			if m == nil || bs[j].lines[0][m[2]:m[3]] != strconv.Itoa(want) {
				break
			}
			p := bs[j]
			p.lines = append([]string{strings.TrimSpace(p.lines[0][m[1]:])}, p.lines[1:]...)
			items = append(items, item{num: want, line: p.line, blocks: []block{p}})
			j++
			want++
		}
		if len(items) >= 2 {
			out = append(out, block{kind: blockList, line: bs[i].line, parts: listParts(true, 1, items)})
			i = j
			continue
		}
		out = append(out, bs[i])
		i++
	}
	return out
}

// checkBoxes reads the check boxes that a lowering left as text at the
// start of list items ("[x] SNS", an escaped "\\[x]" in Markdown): they
// tick or untick the item.
func checkBoxes(bs []block) {
	for i := range bs {
		b := &bs[i]
		switch b.kind {
		case blockList:
			for k := range b.items {
				it := &b.items[k]
				if it.check == 0 && len(it.blocks) > 0 && it.blocks[0].kind == blockPara {
					p := &it.blocks[0]
					l := strings.TrimPrefix(p.lines[0], "\\")
					if len(l) >= 4 && l[0] == '[' && l[2] == ']' && l[3] == ' ' && strings.IndexByte(" xX", l[1]) >= 0 {
						it.check = 1
						if l[1] != ' ' {
							it.check = 2
						}
						p.lines = append([]string{strings.TrimSpace(l[4:])}, p.lines[1:]...)
					}
				}
				checkBoxes(it.blocks)
			}
		case blockDetails, blockQuote:
			checkBoxes(b.body)
		}
	}
}

// isMarker reports whether b is a details marker.
func isMarker(b *block) bool {
	return b.kind == blockOpenDetails || b.kind == blockCloseDetails || b.kind == blockSummaryEnd
}

// hoistMarkers moves the details markers that stand in the items of list b
// (or the body of quote b) without their partners out of it: an answer
// that ends "… </b></details>" in its last item closes a details opened
// before the list. It returns b and the markers to put after it.
//
// A list is split after the item that holds a marker, so that the items
// after it stay on their side of it ("* SAAS</summary>" then the answer's
// items).
func hoistMarkers(b *block) []block {
	lift := func(bs []block) (kept, markers []block) {
		bs = nestDetails(bs)
		if !slices.ContainsFunc(bs, func(c block) bool { return isMarker(&c) }) {
			return bs, nil // the common case, without a copy
		}
		for _, c := range bs {
			if isMarker(&c) {
				markers = append(markers, c)
			} else {
				kept = append(kept, c)
			}
		}
		return kept, markers
	}
	if b.kind != blockList {
		var markers []block
		b.body, markers = lift(b.body)
		return append([]block{*b}, markers...)
	}
	var out []block
	from := 0
	for k := range b.items {
		var markers []block
		b.items[k].blocks, markers = lift(b.items[k].blocks)
		if markers == nil {
			continue
		}
		part := *b
		pt := *b.parts
		pt.items = b.items[from : k+1]
		part.parts = &pt
		out = append(append(out, part), markers...)
		from = k + 1
	}
	if from == 0 {
		return []block{*b}
	}
	if from < len(b.items) {
		part := *b
		pt := *b.parts
		pt.items = b.items[from:]
		if pt.ordered && pt.items[0].num > 0 {
			pt.start = pt.items[0].num
		}
		part.parts = &pt
		part.line = pt.items[0].line
		out = append(out, part)
	}
	return out
}

// dropMarkers removes the details markers left without a partner.
func dropMarkers(bs []block) []block {
	out := bs[:0]
	for _, b := range bs {
		if !isMarker(&b) {
			out = append(out, b)
		}
	}
	return out
}

// nestDetails folds the blocks between an open and a close marker into a
// details block; an open marker whose summary goes on takes the blocks up
// to the summary-end marker into its summary. A close marker without its
// partner is kept, for the container around bs to match (hoistMarkers); an
// open one is closed at the end.
func nestDetails(bs []block) []block {
	markers := false
	for i := range bs {
		if isMarker(&bs[i]) {
			markers = true
			break
		}
	}
	if !markers {
		return bs
	}
	out := make([]block, 0, len(bs))
	var stack []int // indexes into out of open details
	summary := -1   // index into out of a details whose summary is still open
	for _, b := range bs {
		switch b.kind {
		case blockOpenDetails:
			stack = append(stack, len(out))
			if b.more {
				summary = len(out)
			}
			out = append(out, block{kind: blockDetails, line: b.line, text: b.text, parts: boxParts(box{})})
		case blockSummaryEnd:
			if summary < 0 {
				out = append(out, b)
				continue
			}
			// The blocks since the open marker are the rest of the summary.
			d := &out[summary]
			if more := renderFront(out[summary+1:]); more != "" {
				d.text = strings.TrimSpace(d.text + " " + more)
			}
			out = out[:summary+1]
			summary = -1
		case blockCloseDetails:
			if len(stack) == 0 {
				out = append(out, b)
				continue
			}
			if summary == stack[len(stack)-1] {
				summary = -1
			}
			out = closeDetails(out, stack[len(stack)-1])
			stack = stack[:len(stack)-1]
		default:
			out = append(out, b)
		}
	}
	for len(stack) > 0 {
		out = closeDetails(out, stack[len(stack)-1])
		stack = stack[:len(stack)-1]
	}
	return out
}

func closeDetails(out []block, at int) []block {
	d := out[at]
	d.body = append([]block(nil), out[at+1:]...)
	out = append(out[:at], d)
	return out
}

// expandParas splits paragraphs whose lines hold "•" bullets or a new
// marked question (text pasted without blank lines): bullet lines become the
// items of a list (a following plain line continues the item), a question
// line starts a new paragraph. It works through lists, details and quotes.
func expandParas(bs []block) []block {
	if !needsExpand(bs) {
		return bs
	}
	out := make([]block, 0, len(bs)+len(bs)/4+8)
	for _, b := range bs {
		switch b.kind {
		case blockPara:
			out = append(out, splitPara(b)...)
			continue
		case blockList:
			items := make([]item, len(b.items))
			for i, it := range b.items {
				it.blocks = expandParas(it.blocks)
				items[i] = it
			}
			pt := *b.parts
			pt.items = items
			b.parts = &pt
		case blockDetails, blockQuote:
			pt := *b.parts
			mt := *b.box
			mt.body = expandParas(b.body)
			pt.box = &mt
			b.parts = &pt
		}
		out = append(out, b)
	}
	return out
}

// needsExpand reports whether expandParas would change bs.
func needsExpand(bs []block) bool {
	for i := range bs {
		b := &bs[i]
		switch b.kind {
		case blockPara:
			if splits(b) {
				return true
			}
		case blockList:
			for _, it := range b.items {
				if needsExpand(it.blocks) {
					return true
				}
			}
		case blockDetails, blockQuote:
			if needsExpand(b.body) {
				return true
			}
		}
	}
	return false
}

// splits reports whether paragraph b holds a bullet line or, after its
// first line, a line that opens a marked question.
func splits(b *block) bool {
	for n, l := range b.lines {
		r, _ := utf8.DecodeRuneInString(l)
		if bulletRune(r) || n > 0 && qMarkedLine(l) {
			return true
		}
	}
	return false
}

// bulletRune reports whether r is a bullet that Markdown does not know.
func bulletRune(r rune) bool { return strings.ContainsRune("•·▪◦●‣", r) }

// splitPara splits paragraph b as expandParas describes.
func splitPara(b block) []block {
	if !splits(&b) {
		return []block{b}
	}
	var out []block
	var cur *block
	inList := false
	for n, l := range b.lines {
		hard := b.hard.at(n)
		r, size := utf8.DecodeRuneInString(l)
		switch {
		case bulletRune(r):
			t := strings.TrimSpace(l[size:])
			if cur == nil || !inList {
				out = append(out, block{kind: blockList, line: b.line, parts: listParts(false, 0, nil)})
				cur, inList = &out[len(out)-1], true
			}
			cur.items = append(cur.items, item{line: b.line, blocks: []block{para(b.line, t)}})
		case inList && !qMarkedLine(l):
			it := &cur.items[len(cur.items)-1]
			p := &it.blocks[0]
			p.hard.set(len(p.lines) - 1)
			p.lines = append(p.lines, l)
		default:
			if cur == nil || inList || qMarkedLine(l) {
				out = append(out, block{kind: blockPara, line: b.line, linkOnly: b.linkOnly})
				cur, inList = &out[len(out)-1], false
			}
			if hard {
				cur.hard.set(len(cur.lines))
			}
			cur.lines = append(cur.lines, l)
		}
	}
	return out
}

// qMarkedLine reports whether line l opens a marked question.
func qMarkedLine(l string) bool {
	if !mayAsk(l) {
		return false
	}
	return paraAsk(para(0, l)).strength == askMarked
}

// firstLine returns the first line of a paragraph, or "" for any other
// block.
func (b *block) firstLine() string {
	if b.kind != blockPara || len(b.lines) == 0 {
		return ""
	}
	return b.lines[0]
}

// oneLine reports whether b is a paragraph of a single line.
func (b *block) oneLine() bool { return b.kind == blockPara && len(b.lines) == 1 }
