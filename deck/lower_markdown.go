package deck

import (
	"bytes"
	"sort"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
)

// A Markdown chapter (CommonMark with GitHub tables, task lists and
// definition lists) is parsed with goldmark and lowered into blocks. Raw
// HTML inside it is lowered as HTML is: <details>/<summary> spread over
// several HTML blocks with Markdown between them becomes one details block,
// an <h1>…</h1> block a heading. A block quote keeps its blocks; an Obsidian
// callout ("> [!info] Title") keeps its type and title. YAML front matter is
// page metadata and is dropped.
//
// Notes pasted from word processors often indent their answers by four
// spaces or a TAB, which Markdown reads as a code block. An indented (not
// fenced) code block that reads as prose (its lines are "•" bullets, or
// sentences of at least three words that start with a capital and hold no
// code punctuation) is lowered as text lines instead, each "•" line an
// item of a list.

// mdParser is the Markdown parser, made for the first Markdown chapter
// rather than at every start of the program.
var mdParser = sync.OnceValue(func() parser.Parser {
	return goldmark.New(goldmark.WithExtensions(extension.Table, extension.TaskList, extension.Strikethrough, extension.DefinitionList)).Parser()
})

// lowerMarkdown lowers a Markdown chapter (LF line ends, NFC, no BOM).
//
// A long chapter is parsed a piece at a time, each piece ending before an
// ATX heading ("# …" at the start of a line, outside code and raw HTML)
// once it holds mdPiece bytes: a heading always starts a block of its own,
// so the blocks are those of the whole, but for reference links whose
// definition is in another piece (their text is kept as written). The
// parser's tree of one piece is dropped before the next, so memory follows
// the blocks, not the tree.
func lowerMarkdown(src string) document { return lowerMarkdownPieces(src, mdPiece) }

// lowerMarkdownPieces is lowerMarkdown with pieces of size bytes.
func lowerMarkdownPieces(src string, size int) document {
	src = blankFrontMatter(src)
	pieces, n := mdPieces(src, size)
	if len(pieces) > 1 {
		// Each piece a string of its own, for the chapter's text to go
		// once cut (nothing reads src after this): a paragraph's lines are
		// parts of its piece, which is let go when the finder has read the
		// piece's blocks.
		for i, p := range pieces {
			pieces[i] = strings.Clone(p)
		}
	}
	bs := make([]block, 0, n+n/8+16)
	line := 0 // lines before the piece
	for i, piece := range pieces {
		pieces[i] = ""
		b := []byte(piece)
		root := mdParser().Parse(text.NewReader(b), parser.WithContext(parser.NewContext()))
		m := &mdReader{src: b, text: piece, lineStarts: lineStarts(b), base: line}
		for c := root.FirstChild(); c != nil; c = c.NextSibling() {
			bs = m.appendBlock(bs, c)
		}
		line += len(m.lineStarts) - 1
	}
	return document{blocks: dropMarkers(nestDetails(bs))}
}

// blankFrontMatter blanks a YAML front matter block ("---" on the first
// line, up to the next "---" or "..."), keeping its line breaks so that line
// numbers stay right: it is page metadata, not chapter text.
func blankFrontMatter(src string) string {
	if !strings.HasPrefix(src, "---\n") {
		return src
	}
	rest := src[4:]
	for off := 0; off < len(rest); {
		end := strings.IndexByte(rest[off:], '\n')
		line := rest[off:]
		if end >= 0 {
			line = rest[off : off+end]
		}
		if t := strings.TrimRight(line, " \t"); t == "---" || t == "..." {
			cut := 4 + off + len(line)
			return strings.Repeat("\n", strings.Count(src[:cut], "\n")) + src[cut:]
		}
		if end < 0 {
			break
		}
		off += end + 1
	}
	return src
}

// lineStarts returns the offset of each line's first byte.
func lineStarts(b []byte) []int {
	starts := []int{0}
	for i, c := range b {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// mdReader turns goldmark nodes into blocks.
type mdReader struct {
	src        []byte // the piece of the chapter being read
	text       string // the same piece, a part of the chapter's text
	lineStarts []int
	base       int // the lines of the chapter before the piece
}

// lineOf returns the 1-based line of the chapter of byte offset off.
func (m *mdReader) lineOf(off int) int {
	return m.base + sort.Search(len(m.lineStarts), func(i int) bool { return m.lineStarts[i] > off })
}

// nodeLine returns the line where node n starts, or 0.
func (m *mdReader) nodeLine(n ast.Node) int {
	for ; n != nil; n = n.FirstChild() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return m.lineOf(n.Lines().At(0).Start)
		}
		if t, ok := n.(*ast.Text); ok {
			return m.lineOf(t.Segment.Start)
		}
	}
	return 0
}

// appendBlock appends the blocks of node n to out.
func (m *mdReader) appendBlock(out []block, n ast.Node) []block {
	line := m.nodeLine(n)
	switch n := n.(type) {
	case *ast.Heading:
		return append(out, block{kind: blockHeading, line: line, level: uint8(n.Level), text: m.inlineLine(n)})
	case *ast.Paragraph, *ast.TextBlock:
		return m.paras(out, n, line)
	case *ast.ThematicBreak:
		return append(out, block{kind: blockRule, line: line})
	case *ast.List:
		b := block{kind: blockList, line: line, parts: listParts(n.IsOrdered(), n.Start, nil)}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			it := item{line: m.nodeLine(c)}
			if n.IsOrdered() {
				it.num = n.Start + len(b.items)
			}
			for cc := c.FirstChild(); cc != nil; cc = cc.NextSibling() {
				if it.check == 0 && cc.FirstChild() != nil {
					if box, ok := cc.FirstChild().(*east.TaskCheckBox); ok {
						it.check = 1
						if box.IsChecked {
							it.check = 2
						}
					}
				}
				it.blocks = m.appendBlock(it.blocks, cc)
			}

			b.items = append(b.items, it)
		}
		return append(out, hoistMarkers(&b)...)
	case *ast.FencedCodeBlock:
		return append(out, block{kind: blockCode, line: line, lines: m.rawLines(n)})
	case *ast.CodeBlock:
		lines := m.rawLines(n)
		if prose(lines) {
			return append(out, proseBlocks(lines, line)...)
		}
		return append(out, block{kind: blockCode, line: line, lines: lines})
	case *ast.Blockquote:
		q := block{kind: blockQuote, line: line, parts: boxParts(box{})}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			q.body = m.appendBlock(q.body, c)
		}
		callout(&q)
		return append(out, hoistMarkers(&q)...)
	case *ast.HTMLBlock:
		var raw bytes.Buffer
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			raw.Write(seg.Value(m.src))
		}
		if n.HasClosure() {
			raw.Write(n.ClosureLine.Value(m.src))
		}
		return append(out, htmlBlocks(raw.String(), line)...)
	case *east.DefinitionList:
		b := block{kind: blockDefs, line: line, parts: boxParts(box{})}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c.(type) {
			case *east.DefinitionTerm:
				b.defs = append(b.defs, [2]string{m.inlineLine(c), ""})
				b.defLine = append(b.defLine, m.nodeLine(c))
			case *east.DefinitionDescription:
				if len(b.defs) == 0 {
					continue
				}
				var bs []block
				for cc := c.FirstChild(); cc != nil; cc = cc.NextSibling() {
					bs = m.appendBlock(bs, cc)
				}
				d := &b.defs[len(b.defs)-1]
				if s := renderBack(bs); s != "" {
					if d[1] != "" {
						d[1] += "\n"
					}
					d[1] += s
				}
			}
		}
		return append(out, b)
	case *east.Table:
		b := block{kind: blockTable, line: line, parts: boxParts(box{})}
		for r := n.FirstChild(); r != nil; r = r.NextSibling() {
			var row []string
			for c := r.FirstChild(); c != nil; c = c.NextSibling() {
				row = append(row, m.inlineLine(c))
			}
			if _, ok := r.(*east.TableHeader); ok {
				b.header = true
			}
			b.rows = append(b.rows, row)
		}
		return append(out, b)
	}
	return out
}

// rawLines returns the lines of a code block without their line ends.
func (m *mdReader) rawLines(n ast.Node) []string {
	var lines []string
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		lines = append(lines, strings.TrimRight(string(seg.Value(m.src)), "\n"))
	}
	return lines
}

// Break markers in rendered inline text.
const (
	softBreak = '\x01'
	hardBreak = '\x02'
	breaks    = "\x01\x02"
)

// Markers of raw <details> and </details> tags met inside a paragraph
// (an answer that ends "… </b></details>" on its last line).
const (
	openMark    = '\x03'
	closeMark   = '\x04'
	summaryMark = '\x05'
)

// paras appends the blocks of paragraph n to out: its lines, split where a
// raw <details> or </details> tag stands among them.
func (m *mdReader) paras(out []block, n ast.Node, line int) []block {
	var sb strings.Builder
	m.inline(n, &sb)
	s := sb.String()
	for {
		k := strings.IndexAny(s, "\x03\x04\x05")
		text := s
		if k >= 0 {
			text = s[:k]
		}
		if b := paraBlock(text, line); len(b.lines) > 0 {
			if k < 0 {
				b.linkOnly = m.linkOnly(n)
			}
			m.shareLines(b.lines, n)
			out = append(out, b)
		}
		if k < 0 {
			return out
		}
		switch s[k] {
		case openMark:
			out = append(out, block{kind: blockOpenDetails, line: line})
		case closeMark:
			out = append(out, block{kind: blockCloseDetails, line: line})
		default:
			out = append(out, block{kind: blockSummaryEnd, line: line})
		}
		s = s[k+1:]
	}
}

// shareLines replaces each line of paragraph n that is written in the
// chapter as it reads with that part of the chapter's text, so that a
// chapter's paragraphs hold no second copy of it.
func (m *mdReader) shareLines(lines []string, n ast.Node) {
	segs := n.Lines()
	if segs == nil || segs.Len() == 0 {
		return
	}
	start, stop := segs.At(0).Start, segs.At(segs.Len()-1).Stop
	if start < 0 || stop > len(m.text) || start > stop {
		return
	}
	src := m.text[start:stop]
	off := 0
	for i, l := range lines {
		if k := strings.Index(src[off:], l); k >= 0 {
			lines[i] = src[off+k : off+k+len(l)]
			off += k + len(l)
		}
	}
}

// paraBlock makes a paragraph of inline text with break markers.
func paraBlock(s string, line int) block {
	b := block{kind: blockPara, line: line}
	for s != "" {
		k := strings.IndexAny(s, breaks)
		l, hard := s, false
		if k >= 0 {
			l, hard, s = s[:k], s[k] == hardBreak, s[k+1:]
		} else {
			s = ""
		}
		l = strings.TrimSpace(l)
		if l == "" {
			if hard && len(b.lines) > 0 {
				b.hard.set(len(b.lines) - 1)
			}
			continue
		}
		if hard {
			b.hard.set(len(b.lines))
		}
		b.lines = append(b.lines, l)
	}
	if len(b.lines) > 0 {
		b.hard.clear(len(b.lines) - 1)
	}
	return b
}

// linkOnly reports whether paragraph n holds nothing but links (Markdown
// links or raw <a>…</a>).
func (m *mdReader) linkOnly(n ast.Node) bool {
	links, inA := 0, false
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Link, *ast.AutoLink:
			links++
		case *ast.Text:
			if !inA && len(bytes.TrimSpace(c.Value(m.src))) > 0 {
				return false
			}
		case *ast.RawHTML:
			var raw strings.Builder
			for i := 0; i < c.Segments.Len(); i++ {
				seg := c.Segments.At(i)
				raw.Write(seg.Value(m.src))
			}
			t := strings.ToLower(raw.String())
			switch {
			case strings.HasPrefix(t, "<a ") || t == "<a>":
				links++
				inA = true
			case strings.HasPrefix(t, "</a"):
				inA = false
			case !brTag.MatchString(t):
				return false
			}
		default:
			return false
		}
	}
	return links > 0
}

// inlineLine renders the inline content of n on one line.
func (m *mdReader) inlineLine(n ast.Node) string {
	var sb strings.Builder
	m.inline(n, &sb)
	s := strings.Map(func(r rune) rune {
		if r == softBreak || r == hardBreak {
			return ' '
		}
		return r
	}, sb.String())
	return strings.Join(strings.Fields(s), " ")
}

var (
	brTag = lazyCompile(`(?i)^<br\s*/?>$`)
)

// inline renders the inline children of n in the Markdown subset, with
// break markers.
func (m *mdReader) inline(n ast.Node, sb *strings.Builder) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			sb.WriteString(textValue(c.Value(m.src)))
			switch {
			case c.HardLineBreak():
				sb.WriteRune(hardBreak)
			case c.SoftLineBreak():
				sb.WriteRune(softBreak)
			}
		case *ast.String:
			sb.Write(c.Value)
		case *ast.CodeSpan:
			var code strings.Builder
			for cc := c.FirstChild(); cc != nil; cc = cc.NextSibling() {
				if t, ok := cc.(*ast.Text); ok {
					code.Write(t.Value(m.src))
				} else if s, ok := cc.(*ast.String); ok {
					code.Write(s.Value)
				}
			}
			sb.WriteString(codeSpan(strings.ReplaceAll(code.String(), "\n", " ")))
		case *ast.Emphasis:
			mark := strings.Repeat("*", min(c.Level, 2))
			var inner strings.Builder
			m.inline(c, &inner)
			if s := inner.String(); strings.TrimSpace(s) != "" {
				sb.WriteString(mark + strings.TrimSpace(s) + mark)
			}
		case *ast.AutoLink:
			sb.Write(c.Label(m.src))
		case *ast.Image:
			// A picture beside the chapter is kept as a reference; one on
			// the web (a badge, a logo) is no text of a card.
			if dest := string(c.Destination); localImage(dest) {
				var alt strings.Builder
				m.inline(c, &alt)
				sb.WriteString(imageRef(strings.TrimSpace(alt.String()), dest))
			}
		case *ast.RawHTML:
			var raw strings.Builder
			for i := 0; i < c.Segments.Len(); i++ {
				seg := c.Segments.At(i)
				raw.Write(seg.Value(m.src))
			}
			switch t := strings.ToLower(strings.TrimSpace(raw.String())); {
			case brTag.MatchString(t):
				sb.WriteRune(hardBreak)
			case t == "</details>":
				sb.WriteRune(closeMark)
			case t == "</summary>":
				sb.WriteRune(summaryMark)
			case strings.HasPrefix(t, "<details") && (len(t) == 9 || t[8] == ' '):
				sb.WriteRune(openMark)
			}
		case *east.TaskCheckBox:
			// Read by the list item.
		default:
			m.inline(c, sb)
		}
	}
}

// textValue resolves the entity and character references in Markdown text
// and drops the backslash of escaped punctuation, except before the
// subset's own markers (*, _, `, \), which stay escaped in card text.
func textValue(v []byte) string {
	if bytes.IndexByte(v, '&') >= 0 {
		v = util.ResolveEntityNames(util.ResolveNumericReferences(v))
	}
	if bytes.IndexByte(v, '\\') < 0 {
		return string(v)
	}
	out := make([]byte, 0, len(v))
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' && i+1 < len(v) && util.IsPunct(v[i+1]) && !strings.ContainsRune("*_`\\", rune(v[i+1])) {
			continue
		}
		out = append(out, v[i])
		if v[i] == '\\' && i+1 < len(v) && v[i+1] == '\\' {
			out = append(out, '\\')
			i++
		}
	}
	return string(out)
}

// codePunct holds characters that mark a line as code, not prose.
var codePunct = lazyCompile("[{}=;<>$`|\\\\]|\\w\\(|//|/\\*|:=|->")

// prose reports whether the lines of an indented code block read as prose
// pasted with an indent: at least half of them "•"-like bullets, or every
// one a sentence of three or more words that starts with a capital and holds
// no code punctuation.
func prose(lines []string) bool {
	n, bullets, sentences := 0, 0, 0
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		n++
		r := []rune(t)
		switch {
		case strings.ContainsRune("•·▪◦●✅✔☑❓", r[0]):
			bullets++
		case !codePunct.MatchString(t) && len(strings.Fields(t)) >= 3 && (isUpper(r[0]) || r[0] == '#' && len(r) > 2 && isUpper(r[2])):
			sentences++
		}
	}
	return n > 0 && (2*bullets >= n || sentences == n)
}

func isUpper(r rune) bool {
	return r >= 'A' && r <= 'Z' || r > 127 && strings.ToUpper(string(r)) == string(r) && strings.ToLower(string(r)) != string(r)
}

// proseBlocks reads the lines of a prose code block: "•" lines become the
// items of a list, other lines paragraphs of one line.
func proseBlocks(lines []string, line int) []block {
	var out []block
	var list *block
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			list = nil
			continue
		}
		r := []rune(t)
		if strings.ContainsRune("•·▪◦●", r[0]) {
			t = strings.TrimSpace(string(r[1:]))
			if list == nil {
				out = append(out, block{kind: blockList, line: line + i, parts: listParts(false, 0, nil)})
				list = &out[len(out)-1]
			}
			list.items = append(list.items, item{line: line + i, blocks: []block{para(line+i, t)}})
			continue
		}
		if list != nil && !strings.ContainsRune("✅✔☑❓#", r[0]) {
			// A continuation of the item above.
			it := &list.items[len(list.items)-1]
			p := &it.blocks[len(it.blocks)-1]
			p.hard.set(len(p.lines) - 1)
			p.lines = append(p.lines, t)
			continue
		}
		list = nil
		out = append(out, para(line+i, t))
	}
	return out
}

// openDetails reads the common opening of a question in Markdown: raw HTML
// that is only "<details>" (attributes allowed), optionally followed by a
// one-line "<summary>…</summary>" of plain text. It returns the summary
// text; ok is false for anything else.
func openDetails(raw string) (summary string, ok bool) {
	t := strings.TrimSpace(raw)
	if len(t) < 9 || !strings.EqualFold(t[:8], "<details") || t[8] != '>' && t[8] != ' ' {
		return "", false
	}
	end := strings.IndexByte(t, '>')
	if end < 0 || strings.Contains(t[1:end], "<") {
		return "", false
	}
	t = strings.TrimSpace(t[end+1:])
	if t == "" {
		return "", true
	}
	if len(t) < 9 || !strings.EqualFold(t[:8], "<summary") || t[8] != '>' && t[8] != ' ' {
		return "", false
	}
	open := strings.IndexByte(t, '>')
	closing := strings.Index(strings.ToLower(t), "</summary>")
	if open < 0 || closing < open || strings.TrimSpace(t[closing+len("</summary>"):]) != "" {
		return "", false
	}
	summary = t[open+1 : closing]
	if strings.ContainsAny(summary, "<\n") {
		return "", false
	}
	return summary, true
}

// htmlBlocks reads raw HTML met in a Markdown chapter. <details> and
// </details> become markers (nestDetails pairs them), a <summary> gives the
// open marker its question, and other HTML is read as an HTML chapter is.
func htmlBlocks(raw string, line int) []block {
	lower := strings.ToLower(raw)
	if !strings.Contains(lower, "<details") && !strings.Contains(lower, "</details") && !strings.Contains(lower, "</summary") {
		return htmlFragment(raw, line)
	}
	// The common shapes, without a tokenizer: "</details>", and
	// "<details>" with its one-line "<summary>…</summary>".
	if strings.TrimSpace(lower) == "</details>" {
		return []block{{kind: blockCloseDetails, line: line}}
	}
	if sum, ok := openDetails(raw); ok {
		return []block{{kind: blockOpenDetails, line: line, text: strings.Join(strings.Fields(html.UnescapeString(sum)), " ")}}
	}
	var out []block
	var rest strings.Builder
	flush := func() {
		if strings.TrimSpace(rest.String()) != "" {
			out = append(out, htmlFragment(rest.String(), line)...)
		}
		rest.Reset()
	}
	z := html.NewTokenizer(strings.NewReader(raw))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tok := z.Token()
		switch {
		case tok.Data == "details" && tt == html.StartTagToken:
			flush()
			out = append(out, block{kind: blockOpenDetails, line: line})
		case tok.Data == "details" && tt == html.EndTagToken:
			flush()
			out = append(out, block{kind: blockCloseDetails, line: line})
		case tok.Data == "summary" && tt == html.StartTagToken:
			var sum strings.Builder
			closed := false
			for {
				tt2 := z.Next()
				if tt2 == html.ErrorToken {
					break
				}
				t2 := z.Token()
				if t2.Data == "summary" && tt2 == html.EndTagToken {
					closed = true
					break
				}
				if tt2 == html.TextToken {
					sum.WriteString(t2.Data)
				}
			}
			s := strings.Join(strings.Fields(sum.String()), " ")
			for k := len(out) - 1; k >= 0; k-- {
				if out[k].kind == blockOpenDetails {
					if out[k].text == "" {
						out[k].text = s
					}
					// A summary that goes on in the Markdown after this
					// HTML, up to its "</summary>".
					out[k].more = !closed
					break
				}
			}
		case tok.Data == "summary" && tt == html.EndTagToken:
			flush()
			out = append(out, block{kind: blockSummaryEnd, line: line})
		default:
			rest.WriteString(tok.String())
		}
	}
	flush()
	return out
}

// callout reads an Obsidian callout: a block quote whose first line is
// "[!type] title" (a "-" or "+" after the type folds it). The type goes to
// the quote's callout, the title to its text.
func callout(q *block) {
	if len(q.body) == 0 || q.body[0].kind != blockPara {
		return
	}
	p := &q.body[0]
	l := strings.TrimSpace(p.lines[0])
	if !strings.HasPrefix(l, "[!") {
		return
	}
	end := strings.IndexByte(l, ']')
	if end < 0 {
		return
	}
	q.callout = strings.ToLower(l[2:end])
	q.text = strings.TrimSpace(strings.TrimLeft(l[end+1:], "-+"))
	if len(p.lines) == 1 {
		q.body = q.body[1:]
		return
	}
	p.lines, p.hard = p.lines[1:], p.hard.from(1)
}
