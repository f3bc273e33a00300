package deck

// A long HTML chapter is parsed a piece at a time (lowerHTML), as a long
// Markdown chapter is: its tree would take some eight times the page.

import (
	"bytes"
	"io"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlPiece is the size of the pieces of a long HTML chapter, in bytes.
const htmlPiece = 1 << 20

// htmlCut is a piece of an HTML chapter and the elements open around it:
// the page's containers (html, body, main, article, section, div), none of
// them site chrome.
type htmlCut struct {
	text      string
	ancestors []*html.Node // outermost first; empty for the first piece
	doctype   string       // the page's <!DOCTYPE …>, which sets how some tags are read; "" for the first piece
}

// htmlPieces cuts src into pieces of at least size bytes, each cut before
// a heading whose open elements are all containers, below an explicit
// <body>: there HTML's tree building holds those containers and nothing
// else (no formatting element to open again, no frameset allowed), which a
// piece's parse starts from (parsePiece). The tags are followed as HTML's
// tokenizer meets them (raw text and CDATA as in foreign content), with the
// end tags HTML implies for paragraphs, list items, definitions, headings
// and the parts of a table; where they leave what this follows (a stray end
// tag, one that ends more than the elements it implies ends of, a second
// <html> or <body>, the page's end, or more than maxHTMLDepth elements
// open), the cutting stops and the rest of the page is one piece.
//
// blocks is about how many blocks the containers hold: their block
// elements and runs of text, so that the blocks can be kept in one array
// of the size they need.
func htmlPieces(src string, size int) (pieces []htmlCut, blocks int) {
	z := html.NewTokenizer(strings.NewReader(src))
	var open []*html.Node // the elements open at the tokenizer's offset
	others := 0           // how many of them are not containers
	push := func(n *html.Node) {
		open = append(open, n)
		if !container(n.DataAtom) || n.Namespace != "" {
			others++
		}
	}
	popTo := func(i int) {
		for _, n := range open[i:] {
			if !container(n.DataAtom) || n.Namespace != "" {
				others--
			}
		}
		open = open[:i]
	}
	text := false // a run of text at the top is open
	start, off := 0, 0
	var inside []*html.Node // the ancestors of the piece being cut
	doctype, first := "", true
	cut := func(at int) {
		pieces = append(pieces, htmlCut{text: src[start:at], ancestors: inside, doctype: doctype})
		start, inside = at, openChain(open)
	}
	for tangled := false; !tangled; {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := len(z.Raw())
		switch tt {
		case html.DoctypeToken:
			// A doctype counts only before anything but comments and
			// white space.
			if first {
				doctype = string(z.Raw())
			}
		case html.TextToken:
			if len(bytes.TrimSpace(z.Raw())) == 0 {
				break
			}
			if !text && others == 0 {
				text = true
				blocks++
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			ns := namespace(open, a)
			if ns == "" {
				keep, ok := impliedEnds(open, a)
				popTo(keep)
				tangled = !ok
				if topBlock(a) && others == 0 {
					text = false
					blocks++
				}
				if !tangled && heading(a) && off-start >= size && containers(open) {
					cut(off)
				}
			}
			// An HTML element that is not void stays open, a "/>" or not.
			if void(a) && ns == "" || tt == html.SelfClosingTagToken && ns != "" {
				break
			}
			n := &html.Node{Type: html.ElementNode, Data: string(name), DataAtom: a, Namespace: ns}
			for hasAttr && container(a) { // what a piece's parse and chrome need
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				n.Attr = append(n.Attr, html.Attribute{Key: string(k), Val: string(v)})
			}
			push(n)
			if ns != "" {
				z.NextIsNotRawText() // a <title> or <style> of SVG holds elements
			}
			tangled = tangled || len(open) > maxHTMLDepth
		case html.EndTagToken:
			name, _ := z.TagName()
			i := len(open) - 1
			for i >= 0 && !strings.EqualFold(open[i].Data, string(name)) {
				i--
			}
			if a := atom.Lookup(name); i < 0 || a == atom.Body || a == atom.Html || !impliedEnd(open[i+1:]) {
				tangled = true
			}
			if i >= 0 {
				popTo(i)
			}
		}
		if tt != html.CommentToken && (tt != html.TextToken || len(bytes.TrimSpace(z.Raw())) > 0) {
			first = false
		}
		// CDATA sections are read where an element of SVG or MathML is
		// the current one, as HTML's tree building reads them.
		z.AllowCDATA(len(open) > 0 && open[len(open)-1].Namespace != "")
		off += raw
	}
	return append(pieces, htmlCut{text: src[start:], ancestors: inside, doctype: doctype}), min(blocks, len(src)/8)
}

// maxHTMLDepth is the depth of open elements past which the cutting of a
// page stops; HTML's tree building refuses more than 512.
const maxHTMLDepth = 512

// namespace returns the namespace of an element a started where open are
// open: "svg" or "math" inside those (but in the HTML they hold), else "".
func namespace(open []*html.Node, a atom.Atom) string {
	if len(open) > 0 {
		top := open[len(open)-1]
		switch {
		case top.Namespace == "svg" && (top.DataAtom == atom.ForeignObject || top.DataAtom == atom.Desc || top.DataAtom == atom.Title):
		case top.Namespace == "math" && (top.DataAtom == atom.AnnotationXml || top.DataAtom == atom.Mi || top.DataAtom == atom.Mo ||
			top.DataAtom == atom.Mn || top.DataAtom == atom.Ms || top.DataAtom == atom.Mtext):
		case top.Namespace != "":
			return top.Namespace
		}
	}
	switch a {
	case atom.Svg:
		return "svg"
	case atom.Math:
		return "math"
	}
	return ""
}

// openChain returns copies of the elements open, linked as parent and
// child (the tests of site chrome look at an element's parents): the
// ancestors of a piece.
func openChain(open []*html.Node) []*html.Node {
	out := make([]*html.Node, len(open))
	for i, n := range open {
		out[i] = &html.Node{Type: html.ElementNode, Data: n.Data, DataAtom: n.DataAtom, Attr: n.Attr}
		if i > 0 {
			out[i-1].AppendChild(out[i])
		}
	}
	return out
}

// containers reports whether the elements open are all containers of the
// page that its reading goes through (none of them chrome).
func containers(open []*html.Node) bool {
	if len(open) < 2 || open[0].DataAtom != atom.Html || open[1].DataAtom != atom.Body {
		return false
	}
	for _, n := range openChain(open) {
		if !container(n.DataAtom) || n.Namespace != "" || skip(n) {
			return false
		}
	}
	return true
}

// topBlock reports whether an element a is a block of the page's
// containers (not a part of a list, a definition list or a table).
func topBlock(a atom.Atom) bool {
	switch a {
	case atom.Li, atom.Dt, atom.Dd, atom.Tr, atom.Td, atom.Th, atom.Tbody, atom.Thead, atom.Summary, atom.Body, atom.Html:
		return false
	}
	return blockAtom(a)
}

// container reports whether a is an element that the reading of a page
// goes through to its blocks.
func container(a atom.Atom) bool {
	switch a {
	case atom.Html, atom.Body, atom.Main, atom.Article, atom.Section, atom.Div:
		return true
	}
	return false
}

// impliedEnds returns how many of the elements open stay open at a start
// tag of a: it closes an open paragraph, list item, definition, heading or
// table cell or row before another, the head before the body. It reports
// false where HTML would close more than those, or an element other than
// the one it closes here.
func impliedEnds(open []*html.Node, a atom.Atom) (int, bool) {
	n := len(open)
	pop := func(as ...atom.Atom) {
		if n > 0 && slices.Contains(as, open[n-1].DataAtom) {
			n--
		}
	}
	has := func(as ...atom.Atom) bool {
		for _, e := range open[:n] {
			if slices.Contains(as, e.DataAtom) {
				return true
			}
		}
		return false
	}
	if closesP(a) {
		pop(atom.P)
	}
	switch a {
	case atom.Html, atom.Head:
		return n, !has(a)
	case atom.Body:
		pop(atom.Head)
		return n, !has(atom.Body, atom.Head)
	case atom.Li:
		pop(atom.Li)
		return n, !has(atom.Li, atom.P)
	case atom.Dt, atom.Dd:
		pop(atom.Dt, atom.Dd)
		return n, !has(atom.Dt, atom.Dd, atom.P)
	case atom.Td, atom.Th:
		pop(atom.Td, atom.Th)
	case atom.Tr:
		pop(atom.Td, atom.Th)
		pop(atom.Tr)
	case atom.Tbody, atom.Thead, atom.Tfoot:
		pop(atom.Td, atom.Th)
		pop(atom.Tr)
		pop(atom.Tbody, atom.Thead, atom.Tfoot)
	}
	if heading(a) {
		pop(atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6)
	}
	return n, !closesP(a) || !has(atom.P)
}

// impliedEnd reports whether the elements ns all end where the element
// around them ends (paragraphs, list items, definitions, the parts of a
// table, options).
func impliedEnd(ns []*html.Node) bool {
	for _, n := range ns {
		switch n.DataAtom {
		case atom.P, atom.Li, atom.Dt, atom.Dd, atom.Tr, atom.Td, atom.Th, atom.Tbody, atom.Thead, atom.Tfoot,
			atom.Caption, atom.Colgroup, atom.Option, atom.Optgroup:
		default:
			return false
		}
	}
	return true
}

// closesP reports whether a start tag of a ends an open paragraph.
func closesP(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Details, atom.Div, atom.Dl, atom.Fieldset,
		atom.Figure, atom.Footer, atom.Form, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Header,
		atom.Hr, atom.Main, atom.Nav, atom.Ol, atom.P, atom.Pre, atom.Section, atom.Table, atom.Ul:
		return true
	}
	return false
}

func heading(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// void reports whether a is an element without content or end tag.
func void(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input, atom.Link,
		atom.Meta, atom.Source, atom.Track, atom.Wbr:
		return true
	}
	return false
}

// parsePiece parses a piece of an HTML chapter as a document: after the
// page's doctype and the start tags of its ancestors, so that HTML's tree building meets its tags
// in the elements the whole page had open there, and an end tag of one of
// them ends it as it would have.
func parsePiece(p htmlCut) (*html.Node, error) {
	if len(p.ancestors) == 0 {
		return html.Parse(strings.NewReader(p.text))
	}
	var open strings.Builder
	open.WriteString(p.doctype)
	for _, a := range p.ancestors {
		open.WriteString("<" + a.Data)
		for _, at := range a.Attr {
			open.WriteString(" " + at.Key + `="` + html.EscapeString(at.Val) + `"`)
		}
		open.WriteString(">")
	}
	return html.Parse(io.MultiReader(strings.NewReader(open.String()), strings.NewReader(p.text)))
}
