package deck

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// An HTML chapter is parsed with golang.org/x/net/html and lowered into
// blocks: h1–h6 headings, p paragraphs, ul/ol lists (an <input
// type=checkbox checked> ticks an item), pre code, tables, dl/dt/dd
// definitions, details/summary, blockquote, hr rules; div, section,
// article, main and the like are read through. <strong>/<b>, <em>/<i>,
// <code> and <br> become **strong**, *em*, `code` and line breaks.
//
// Site chrome is dropped: head, script, style, nav, footer, aside, forms,
// buttons (but an accordion's that holds a question), a <header> outside
// main or article, anything hidden, any
// element whose role names navigation, a banner, a dialog or a search, and
// any element other than html, body, main and article whose id or class
// names a cookie or consent banner, navigation, a menu, a sidebar or its
// widgets, sharing, comments, related or popular posts, ads, a sign-up or a
// pop-up.

// lowerHTML lowers an HTML chapter (NFC, no BOM).
func lowerHTML(src string) (document, error) { return lowerHTMLPieces(src, htmlPiece) }

// lowerHTMLPieces is lowerHTML with pieces of size bytes (htmlPieces):
// each piece's tree is let go once its blocks are read, and each piece's
// text once its lines are found.
func lowerHTMLPieces(src string, size int) (document, error) {
	pieces, n := htmlPieces(src, size)
	var d document
	if len(pieces) > 1 {
		d.blocks = make([]block, 0, n+n/8+16)
		// Each piece a string of its own, for the chapter's text to go
		// once cut (nothing reads src after this).
		for i := range pieces {
			pieces[i].text = strings.Clone(pieces[i].text)
		}
	}
	texts := make([]string, len(pieces))
	for i, p := range pieces {
		texts[i] = p.text
	}
	h := &htmlReader{lines: newLineFinder(texts)}
	titled := false
	for i, p := range pieces {
		pieces[i] = htmlCut{} // its tree, hung from its ancestors, goes with it
		root, err := parsePiece(p)
		if err != nil {
			return document{}, err
		}
		if !titled { // the page's first <title>, wherever it is
			if t := findElement(root, atom.Title); t != nil {
				d.title, titled = strings.Join(strings.Fields(textContent(t)), " "), true
			}
		}
		d.blocks = h.appendBlocks(d.blocks, root)
	}
	return d, nil
}

// htmlFragment reads raw HTML found at line in a Markdown chapter.
func htmlFragment(raw string, line int) []block {
	nodes, err := html.ParseFragment(strings.NewReader(raw), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return nil
	}
	h := &htmlReader{base: line}
	var out []block
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	out = append(out, h.blocks(root)...)
	return out
}

// htmlReader turns HTML nodes into blocks.
type htmlReader struct {
	lines *lineFinder // nil in a fragment
	base  int         // the line of a fragment
}

// line returns the source line of a block whose text starts with s.
func (h *htmlReader) line(s string) int {
	if h.lines == nil {
		return h.base
	}
	return h.lines.find(s)
}

var chromeName = lazyCompile(`(?i)(?:^|[\s_-])(?:cookies?|consent|gdpr|banner|nav|navbar|navigation|menu|breadcrumbs?|sidebar|share|sharing|social|comments?|advert|ads|promo|newsletter|subscribe|modal|popup|skip-link|toolbar|pagination|footer|widgets?|widget-area|related|popular|recommended|trending|sponsor(?:ed)?|optin|signup)(?:$|[\s_-])`)
var chromeRole = lazyCompile(`(?i)^(?:navigation|banner|contentinfo|complementary|dialog|alertdialog|search|menu|menubar)$`)

// skip reports whether element n is site chrome.
func skip(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Head, atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Nav, atom.Footer,
		atom.Aside, atom.Form, atom.Svg, atom.Iframe, atom.Select, atom.Textarea, atom.Object, atom.Canvas:
		return true
	case atom.Button:
		// An accordion's button holds its question; other buttons are
		// widgets.
		return !isQuestionEnd(textContent(n))
	case atom.Header:
		for p := n.Parent; p != nil; p = p.Parent {
			if p.DataAtom == atom.Main || p.DataAtom == atom.Article {
				return false
			}
		}
		return true
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "id", "class":
			// The page's own containers carry classes like "has-sidebar"
			// or "menu-open": only smaller elements are chrome by name.
			if !landmark(n) && chromeName.MatchString(a.Val) {
				return true
			}
		case "role":
			if chromeRole.MatchString(strings.TrimSpace(a.Val)) {
				return true
			}
		}
	}
	return false
}

// landmark reports whether n is one of the page's main containers.
func landmark(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Main, atom.Article:
		return true
	}
	return false
}

// blocks converts the children of n. Inline content between block
// elements becomes paragraphs.
func (h *htmlReader) blocks(n *html.Node) []block {
	return h.appendBlocks(nil, n)
}

// appendBlocks appends the blocks of n's children to out.
func (h *htmlReader) appendBlocks(out []block, n *html.Node) []block {
	var sb strings.Builder
	links, other := 0, false
	flush := func() {
		if b, ok := h.para(sb.String()); ok {
			b.linkOnly = links > 0 && !other
			out = append(out, b)
		}
		sb.Reset()
		links, other = 0, false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && skip(c) {
			continue
		}
		if c.Type != html.ElementNode || !isBlockElement(c) {
			switch {
			case c.Type == html.ElementNode && c.DataAtom == atom.A:
				links++
			case c.Type == html.TextNode && strings.TrimSpace(c.Data) == "":
			case c.Type == html.CommentNode:
			default:
				other = true
			}
			inlineHTML(c, &sb)
			continue
		}
		flush()
		out = h.appendElement(out, c)
	}
	flush()
	return out
}

// isBlockElement reports whether n starts a block of its own.
func isBlockElement(n *html.Node) bool { return blockAtom(n.DataAtom) }

// blockAtom reports whether an element a starts a block of its own.
func blockAtom(a atom.Atom) bool {
	switch a {
	case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Ul, atom.Ol, atom.Pre,
		atom.Table, atom.Details, atom.Dl, atom.Hr, atom.Blockquote, atom.Div, atom.Section, atom.Nav, atom.Aside, atom.Footer,
		atom.Article, atom.Main, atom.Body, atom.Html, atom.Figure, atom.Center, atom.Li, atom.Header,
		atom.Summary, atom.Dt, atom.Dd, atom.Tr, atom.Td, atom.Th, atom.Tbody, atom.Thead:
		return true
	}
	return false
}

// para makes a paragraph of rendered inline HTML, or reports false when it
// holds no text.
func (h *htmlReader) para(s string) (block, bool) {
	var b block
	b.kind = blockPara
	if strings.IndexByte(s, hardBreak) < 0 {
		// One line, white space already collapsed by inlineHTML.
		if l := strings.TrimSpace(s); l != "" {
			b.lines = []string{l}
			b.line = h.line(l)
			return b, true
		}
		return b, false
	}
	for _, l := range strings.Split(s, string(hardBreak)) {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" {
			continue
		}
		if len(b.lines) > 0 {
			b.hard.set(len(b.lines) - 1)
		}
		b.lines = append(b.lines, l)
	}
	if len(b.lines) == 0 {
		return b, false
	}
	b.line = h.line(b.lines[0])
	return b, true
}

// appendElement appends the blocks of block element n to out.
func (h *htmlReader) appendElement(out []block, n *html.Node) []block {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		t := inlineText(n)
		if t == "" {
			return out
		}
		return append(out, block{kind: blockHeading, line: h.line(t), level: n.Data[1] - '0', text: t})
	case atom.P:
		var sb strings.Builder
		inlineHTML(n, &sb)
		if b, ok := h.para(sb.String()); ok {
			b.linkOnly = htmlLinkOnly(n)
			return append(out, b)
		}
		return out
	case atom.Hr:
		return append(out, block{kind: blockRule, line: h.line("")})
	case atom.Ul, atom.Ol:
		b := block{kind: blockList, parts: listParts(n.DataAtom == atom.Ol, 1, nil)}
		if v, err := strconv.Atoi(attr(n, "start")); err == nil && b.ordered {
			b.start = v
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || c.DataAtom != atom.Li || skip(c) {
				continue
			}
			it := item{check: checkState(c), blocks: h.blocks(c)}
			if b.ordered {
				it.num = b.start + len(b.items)
			}
			if len(it.blocks) > 0 {
				it.line = it.blocks[0].line
			}
			b.items = append(b.items, it)
		}
		if len(b.items) == 0 {
			return out
		}
		b.line = b.items[0].line
		return append(out, b)
	case atom.Pre:
		t := strings.Trim(textContent(n), "\n")
		if strings.TrimSpace(t) == "" {
			return out
		}
		lines := strings.Split(t, "\n")
		return append(out, block{kind: blockCode, line: h.line(strings.TrimSpace(lines[0])), lines: lines})
	case atom.Table:
		return append(out, h.table(n)...)
	case atom.Dl:
		return append(out, h.defs(n)...)
	case atom.Blockquote:
		q := block{kind: blockQuote, parts: boxParts(box{body: h.blocks(n)})}
		if len(q.body) == 0 {
			return out
		}
		q.line = q.body[0].line
		return append(out, q)
	case atom.Details:
		b := block{kind: blockDetails, parts: boxParts(box{})}
		body := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.ElementNode && c.DataAtom == atom.Summary && b.text == "" {
				b.text = inlineText(c)
			} else {
				n.RemoveChild(c)
				body.AppendChild(c)
			}
			c = next
		}
		b.line = h.line(b.text)
		b.body = h.blocks(body)
		return append(out, b)
	}
	return h.appendBlocks(out, n)
}

// table reads the rows of a table; the first row is a header when it is in
// <thead> or made of <th> cells.
func (h *htmlReader) table(n *html.Node) []block {
	b := block{kind: blockTable, parts: boxParts(box{})}
	var walk func(*html.Node, bool)
	walk = func(n *html.Node, head bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Thead:
				walk(c, true)
			case atom.Tbody, atom.Tfoot:
				walk(c, false)
			case atom.Tr:
				var row []string
				allTH := true
				for td := c.FirstChild; td != nil; td = td.NextSibling {
					if td.Type == html.ElementNode && (td.DataAtom == atom.Td || td.DataAtom == atom.Th) {
						row = append(row, inlineText(td))
						allTH = allTH && td.DataAtom == atom.Th
					}
				}
				if len(row) == 0 {
					continue
				}
				if len(b.rows) == 0 && (head || allTH) {
					b.header = true
				}
				b.rows = append(b.rows, row)
			}
		}
	}
	walk(n, false)
	if len(b.rows) == 0 {
		return nil
	}
	b.line = h.line(b.rows[0][0])
	return []block{b}
}

// defs reads dt/dd pairs; several dd of one dt are joined by line breaks.
func (h *htmlReader) defs(n *html.Node) []block {
	b := block{kind: blockDefs, parts: boxParts(box{})}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || skip(c) {
				continue
			}
			switch c.DataAtom {
			case atom.Dt:
				t := inlineText(c)
				line := h.line(t)
				if b.line == 0 {
					b.line = line
				}
				b.defs = append(b.defs, [2]string{t, ""})
				b.defLine = append(b.defLine, line)
			case atom.Dd:
				if len(b.defs) == 0 {
					continue
				}
				d := &b.defs[len(b.defs)-1]
				if s := renderBack(h.blocks(c)); s != "" {
					if d[1] != "" {
						d[1] += "\n"
					}
					d[1] += s
				}
			case atom.Div:
				walk(c)
			}
		}
	}
	walk(n)
	if len(b.defs) == 0 {
		return nil
	}
	return []block{b}
}

// checkState returns 2 for a list item with a ticked check box, 1 for an
// unticked one, 0 for none.
func checkState(li *html.Node) int {
	var state int
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && state == 0; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.Input && attr(c, "type") == "checkbox" {
				state = 1
				for _, a := range c.Attr {
					if a.Key == "checked" {
						state = 2
					}
				}
				return
			}
			if c.Type == html.ElementNode && (c.DataAtom == atom.Ul || c.DataAtom == atom.Ol) {
				continue
			}
			walk(c)
		}
	}
	walk(li)
	return state
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return strings.ToLower(a.Val)
		}
	}
	return ""
}

// htmlLinkOnly reports whether p holds nothing but links.
func htmlLinkOnly(p *html.Node) bool {
	links := 0
	for c := p.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) == "":
		case c.Type == html.ElementNode && c.DataAtom == atom.A:
			links++
		default:
			return false
		}
	}
	return links > 0
}

// inlineText renders the inline content of n on one line.
func inlineText(n *html.Node) string {
	var sb strings.Builder
	inlineHTML(n, &sb)
	s := strings.ReplaceAll(sb.String(), string(hardBreak), " ")
	return strings.Join(strings.Fields(s), " ")
}

// inlineHTML renders n in the Markdown subset, white space collapsed, <br>
// as a hard-break marker.
func inlineHTML(n *html.Node, sb *strings.Builder) {
	switch n.Type {
	case html.TextNode:
		sb.WriteString(collapseSpace(n.Data))
		return
	case html.ElementNode:
	default:
		return
	}
	if skip(n) {
		return
	}
	mark := ""
	switch n.DataAtom {
	case atom.Br:
		sb.WriteRune(hardBreak)
		return
	case atom.Img:
		// A picture beside the page is kept as a reference; one on the
		// web (a logo, a badge, a tracker) is no text of a card.
		if src := attr(n, "src"); localImage(src) {
			sb.WriteString(imageRef(strings.Join(strings.Fields(attr(n, "alt")), " "), src))
		}
		return
	case atom.Input:
		return
	case atom.Strong, atom.B:
		mark = "**"
	case atom.Em, atom.I:
		mark = "*"
	case atom.Code, atom.Kbd, atom.Samp, atom.Tt:
		t := strings.Join(strings.Fields(textContent(n)), " ")
		if t != "" {
			sb.WriteString(codeSpan(t))
		}
		return
	}
	if mark == "" {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			inlineHTML(c, sb)
		}
		return
	}
	var inner strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		inlineHTML(c, &inner)
	}
	s := inner.String()
	t := strings.TrimSpace(s)
	if t == "" {
		sb.WriteString(s)
		return
	}
	if s[0] == ' ' {
		sb.WriteByte(' ')
	}
	sb.WriteString(mark + t + mark)
	if s[len(s)-1] == ' ' {
		sb.WriteByte(' ')
	}
}

// collapseSpace turns each run of HTML white space into one space.
func collapseSpace(s string) string {
	if !strings.ContainsAny(s, " \t\n\r\f") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// textContent returns the text of n and its descendants as written.
func textContent(n *html.Node) string {
	var sb strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Br {
			sb.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return sb.String()
}

// findElement returns the first element a in n's tree, or nil.
func findElement(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findElement(c, a); f != nil {
			return f
		}
	}
	return nil
}

// lineFinder finds the source lines of texts met in document order, in a
// chapter held as pieces: it looks a little way ahead of the last text
// found and never back, so that a piece it has passed is let go.
type lineFinder struct {
	pieces []string // the chapter, "" for each piece passed
	first  int      // the piece that holds at
	base   int      // the offset of that piece in the chapter
	at     int      // offset of the last text found
	line   int      // its line
}

func newLineFinder(pieces []string) *lineFinder { return &lineFinder{pieces: pieces, line: 1} }

// ahead returns up to n bytes of the chapter from at.
func (f *lineFinder) ahead(n int) string {
	p := f.pieces[f.first][f.at-f.base:]
	if len(p) >= n || f.first+1 == len(f.pieces) {
		return p[:min(n, len(p))]
	}
	var b strings.Builder // the rare window across pieces
	b.WriteString(p)
	for k := f.first + 1; k < len(f.pieces) && b.Len() < n; k++ {
		q := f.pieces[k]
		b.WriteString(q[:min(len(q), n-b.Len())])
	}
	return b.String()
}

// advance moves at d bytes on, counting the lines it passes.
func (f *lineFinder) advance(d int) {
	for d > 0 {
		p := f.pieces[f.first]
		step := min(d, len(p)-(f.at-f.base))
		f.line += strings.Count(p[f.at-f.base:f.at-f.base+step], "\n")
		f.at, d = f.at+step, d-step
		if f.at-f.base == len(p) {
			if f.first+1 == len(f.pieces) {
				return
			}
			f.pieces[f.first] = ""
			f.first, f.base = f.first+1, f.base+len(p)
		}
	}
}

// find returns the line of the first occurrence of the start of text s at
// or after the last one found; when it cannot be found, the last line.
func (f *lineFinder) find(s string) int {
	// The needle: the start of s up to the first markup or entity, at most
	// 24 bytes, cut at a word's end.
	s = strings.TrimLeft(s, "*_` ")
	if i := strings.IndexAny(s, "*_`<>&\""); i >= 0 {
		s = s[:i]
	}
	if len(s) > 24 {
		k := strings.LastIndexByte(s[:24], ' ')
		if k <= 0 {
			k = 24
			for k > 0 && !utf8.RuneStart(s[k]) {
				k--
			}
		}
		s = s[:k]
	}
	needle := strings.TrimSpace(s)
	if needle == "" {
		return f.line
	}
	first := needle
	if k := strings.IndexByte(needle, ' '); k > 0 {
		first = needle[:k]
	}
	// Look a little way ahead only: a text that is not in the source as
	// written (entities, markup between its words) must not cost a scan of
	// the rest of the page each time.
	window := f.ahead(4096)
	i := strings.Index(window, needle)
	if i < 0 {
		i = strings.Index(window, first)
	}
	if i < 0 {
		return f.line
	}
	f.advance(i)
	return f.line
}
