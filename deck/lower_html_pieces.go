package deck

// A long HTML chapter is parsed a piece at a time (lowerHTML), as a long
// Markdown chapter is: its tree would take some eight times the page.

import (
	"bytes"
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
	ancestors []*html.Node // outermost first, linked as parent and child; empty for the first piece
}

// htmlPieces cuts src into pieces of at least size bytes, each cut before
// a heading whose open elements are all containers, or right after the end
// tag of one of the containers that a piece is parsed inside, so that every
// piece lies within the elements it is parsed inside. A page too tangled to
// cut stays one piece. The tags are followed as a tokenizer sees them, with
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
	cut := func(at int) {
		cuts = append(cuts, htmlCut{text: src[start:at], ancestors: inside})
		start, inside = at, openChain(open)
	}
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := len(z.Raw())
		switch tt {
		case html.TextToken:
			if !text && len(bytes.TrimSpace(z.Raw())) > 0 && atTop() {
				text = true
				blocks++
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			open = impliedEnds(open, a)
			if blockAtom(a) && atTop() {
				text = false
				blocks++
			}
			if heading(a) && off-start >= size && containers(open) {
				cut(off)
			}
			if tt == html.SelfClosingTagToken || void(a) {
				break
			}
			n := &html.Node{Type: html.ElementNode, Data: string(name), DataAtom: a}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				n.Attr = append(n.Attr, html.Attribute{Key: string(k), Val: string(v)})
			}
			open = append(open, n)
		case html.EndTagToken:
			name, _ := z.TagName()
			for i := len(open) - 1; i >= 0; i-- {
				if open[i].Data == string(name) {
					open = open[:i]
					break
				}
			}
			if len(open) < len(inside) && len(open) > 0 {
				// The piece's own container ends: the rest is parsed
				// inside the containers still open (after the page's
				// last end tag, as it was).
				if !containers(open) {
					return []htmlCut{{text: src}}, blocks
				}
				cut(off + raw)
			}
		}
		off += raw
	}
	return append(cuts, htmlCut{text: src[start:], ancestors: inside}), blocks
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

// impliedEnds pops from open the elements that a start tag of a closes.
func impliedEnds(open []*html.Node, a atom.Atom) []*html.Node {
	top := func() atom.Atom {
		if len(open) == 0 {
			return 0
		}
		return open[len(open)-1].DataAtom
	}
	switch a {
	case atom.Body:
		if top() == atom.Head {
			open = open[:len(open)-1]
		}
	case atom.Li:
		if top() == atom.Li {
			open = open[:len(open)-1]
		}
	case atom.Dt, atom.Dd:
		if t := top(); t == atom.Dt || t == atom.Dd {
			open = open[:len(open)-1]
		}
	}
	if closesP(a) && top() == atom.P {
		open = open[:len(open)-1]
	}
	return open
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

// parsePiece parses a piece of an HTML chapter: the first as a document,
// any other as the content of its innermost ancestor, which it returns
// holding it.
func parsePiece(p htmlCut) (*html.Node, error) {
	if len(p.ancestors) == 0 {
		return html.Parse(strings.NewReader(p.text))
	}
	ctx := p.ancestors[len(p.ancestors)-1]
	nodes, err := html.ParseFragment(bytes.NewReader([]byte(p.text)), ctx)
	if err != nil {
		return nil, err
	}
	for _, n := range nodes {
		ctx.AppendChild(n)
	}
	return ctx, nil
}
