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
// a heading whose open elements are all containers: there HTML's tree
// building holds those containers and nothing else (no formatting element
// to open again), which a piece's parse starts from (parsePiece). A page
// stops being cut where its tags leave what this follows of the tree
// building. The tags are followed as a tokenizer sees them, with
// the end tags HTML implies for a paragraph, a list item and a definition
// term or description.
//
// blocks is about how many blocks the containers hold: their block
// elements and runs of text, so that the blocks can be kept in one array
// of the size they need.
func htmlPieces(src string, size int) (pieces []htmlCut, blocks int) {
	z := html.NewTokenizer(strings.NewReader(src))
	var open []*html.Node // the elements open at the tokenizer's offset
	var cuts []htmlCut
	atTop := func() bool { // only containers open
		for _, n := range open {
			if !container(n.DataAtom) {
				return false
			}
		}
		return true
	}
	text := false // a run of text at the top is open
	start, off := 0, 0
	var inside []*html.Node // the ancestors of the piece being cut
	doctype := ""
	cut := func(at int) {
		cuts = append(cuts, htmlCut{text: src[start:at], ancestors: inside, doctype: doctype})
		start, inside = at, openChain(open)
	}
	// tangled: the tags left what this reading follows of HTML's tree
	// building (a stray end tag, one that ends more than the elements it
	// implies ends of, such as a formatting element the tree building
	// would open again, or the page's end): no cut after that.
	tangled := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := len(z.Raw())
		switch tt {
		case html.DoctypeToken:
			if doctype == "" {
				doctype = string(z.Raw())
			}
		case html.TextToken:
			if !text && len(bytes.TrimSpace(z.Raw())) > 0 && atTop() {
				text = true
				blocks++
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			var ok bool
			if open, ok = impliedEnds(open, a); !ok {
				tangled = true
			}
			if blockAtom(a) && atTop() {
				text = false
				blocks++
			}
			if !tangled && heading(a) && off-start >= size && containers(open) {
				cut(off)
			}
			if tt == html.SelfClosingTagToken || void(a) {
				break
			}
			n := &html.Node{Type: html.ElementNode, Data: string(name), DataAtom: a}
			for hasAttr && container(a) { // what a piece's parse and chrome need
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				n.Attr = append(n.Attr, html.Attribute{Key: string(k), Val: string(v)})
			}
			open = append(open, n)
		case html.EndTagToken:
			name, _ := z.TagName()
			i := len(open) - 1
			for i >= 0 && open[i].Data != string(name) {
				i--
			}
			if a := atom.Lookup(name); i < 0 || a == atom.Body || a == atom.Html || !impliedEnd(open[i+1:]) {
				tangled = true
			}
			if i >= 0 {
				open = open[:i]
			}
		}
		off += raw
	}
	return append(cuts, htmlCut{text: src[start:], ancestors: inside, doctype: doctype}), blocks
}

// openChain returns copies of the elements open, linked as parent and child,
// for a piece to be parsed inside.
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
	if len(open) == 0 {
		return false
	}
	for i, n := range openChain(open) {
		if !container(n.DataAtom) || skip(n) || i == 0 && n.DataAtom != atom.Html {
			return false
		}
	}
	return true
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

// impliedEnds pops from open the elements that a start tag of a closes:
// an open paragraph, list item, definition or heading before another, the
// head before the body. It reports false where HTML would close more than
// the top element, or an element other than the one it closes here.
func impliedEnds(open []*html.Node, a atom.Atom) ([]*html.Node, bool) {
	top := func() atom.Atom {
		if len(open) == 0 {
			return 0
		}
		return open[len(open)-1].DataAtom
	}
	has := func(as ...atom.Atom) bool {
		for _, n := range open {
			if slices.Contains(as, n.DataAtom) {
				return true
			}
		}
		return false
	}
	if closesP(a) && top() == atom.P {
		open = open[:len(open)-1]
	}
	switch a {
	case atom.Html, atom.Head:
		return open, !has(a)
	case atom.Body:
		if top() == atom.Head {
			open = open[:len(open)-1]
		}
		return open, !has(atom.Body, atom.Head)
	case atom.Li:
		if top() == atom.Li {
			open = open[:len(open)-1]
		}
		return open, !has(atom.Li, atom.P)
	case atom.Dt, atom.Dd:
		if t := top(); t == atom.Dt || t == atom.Dd {
			open = open[:len(open)-1]
		}
		return open, !has(atom.Dt, atom.Dd, atom.P)
	}
	if heading(a) && heading(top()) {
		open = open[:len(open)-1]
	}
	return open, !closesP(a) || !has(atom.P)
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
