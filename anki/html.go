package anki

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxFieldDepth bounds the open elements Markup follows in a field; deeper
// ones are read as text.
const maxFieldDepth = 256

// Markup returns an Anki field's HTML as card text: <b> and <strong> as
// **strong**, <i> and <em> as *em*, <code> as `code`, <br> and the blocks
// (div, p, li, tr, h1–h6) as line breaks, <img src="NAME"> as an image whose
// path image(NAME) gives (dropped when it gives ""), entities decoded, and
// every other tag removed with its text kept (a script's or style's text
// dropped). Runs of blank lines become one, and each line is trimmed.
func Markup(field string, image func(name string) string) string {
	if !strings.ContainsAny(field, "<&") {
		return tidy(field)
	}
	var b []byte
	type mark struct {
		marker string // "" for an element inside one of the same style
		at     int    // where its opening marker ends in b
	}
	var open []mark // innermost last
	skip := 0       // inside script or style
	z := html.NewTokenizer(strings.NewReader(field))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tok := z.Token()
		switch tt {
		case html.TextToken:
			if skip == 0 {
				b = append(b, strings.ReplaceAll(tok.Data, "\u00a0", " ")...)
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			start := tt != html.EndTagToken
			switch tok.DataAtom {
			case atom.Script, atom.Style:
				if start && tt != html.SelfClosingTagToken {
					skip++
				} else if !start && skip > 0 {
					skip--
				}
			case atom.Br:
				b = append(b, '\n')
			case atom.Div, atom.P, atom.Li, atom.Tr, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Ul, atom.Ol, atom.Table:
				if len(b) > 0 && b[len(b)-1] != '\n' {
					b = append(b, '\n') // a block starts or ends a line
				}
			case atom.Img:
				if name := attr(tok, "src"); start && name != "" {
					if p := image(name); p != "" {
						b = append(b, "!["+strings.NewReplacer("[", "", "]", "").Replace(attr(tok, "alt"))+"]("+p+")"...)
					}
				}
			case atom.B, atom.Strong, atom.I, atom.Em, atom.Code:
				marker := map[atom.Atom]string{atom.B: "**", atom.Strong: "**", atom.I: "*", atom.Em: "*", atom.Code: "`"}[tok.DataAtom]
				switch {
				case tt == html.SelfClosingTagToken:
				case start && len(open) < maxFieldDepth:
					m := mark{marker: marker}
					if slices.ContainsFunc(open, func(o mark) bool { return o.marker == marker }) {
						m.marker = ""
					}
					b = append(b, m.marker...)
					m.at = len(b)
					open = append(open, m)
				case !start && len(open) > 0:
					m := open[len(open)-1]
					if m.marker != "" && m.marker != marker {
						break // not the innermost: left to the end
					}
					open = open[:len(open)-1]
					if m.at == len(b) {
						b = b[:len(b)-len(m.marker)] // an empty element
					} else {
						b = append(b, m.marker...)
					}
				}
			}
		}
	}
	for i := len(open) - 1; i >= 0; i-- {
		if open[i].at == len(b) {
			b = b[:len(b)-len(open[i].marker)]
		} else {
			b = append(b, open[i].marker...)
		}
	}
	return tidy(string(b))
}

// attr returns the value of attribute key of tok.
func attr(tok html.Token, key string) string {
	for _, a := range tok.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// tidy trims each line of s, makes each run of blank lines one and trims
// s.
func tidy(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := false
	for _, l := range lines {
		l = strings.TrimSpace(strings.ReplaceAll(l, "\t", " "))
		if l == "" {
			if len(out) > 0 {
				blank = true
			}
			continue
		}
		if blank {
			out = append(out, "")
			blank = false
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}
