package deck

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Card text is written in a small Markdown subset, the card markup:
// **strong**, *em*, `code` and line breaks ("\n"). Spans is its one reader;
// every renderer (the review screen, Anki's HTML, the PDF) draws from its
// spans, so they agree on every text.
//
// The rules: an opening "*" or "**" is followed by a non-space, and its
// closing partner is preceded by one, with something between them; a
// marker without a partner is plain text; nothing inside `code` (which may
// span lines) is markup, and a "`" without a partner is plain text; "\*"
// and "\`" are a literal "*" and "`". Where spans overlap (*a **b* c**) a
// style ends where its closer stands, so the styles of a span are those
// open at it.

// Style is a set of the markup's styles.
type Style uint8

// The styles of the card markup.
const (
	Strong Style = 1 << iota // **strong**
	Em                       // *em*
	Code                     // `code`
)

// Span is a run of card text in one style. Text holds no markup; it may
// hold line breaks.
type Span struct {
	Text  string
	Style Style
}

// markTok is one piece of card text: plain text, a code span's content, or
// a "**" or "*" delimiter.
type markTok struct {
	text   string
	kind   Style // 0 for text, Code, or the delimiter's Strong or Em
	paired bool  // a delimiter with a partner: it toggles its style
}

// Spans splits card text s into runs of one style, in order; adjacent runs
// differ in style. It returns nil for "".
func Spans(s string) []Span {
	var r MarkupReader
	pieces := r.Read(s)
	var spans []Span
	for _, p := range pieces {
		if n := len(spans); n > 0 && spans[n-1].Style == p.Style {
			spans[n-1].Text += p.Text
			continue
		}
		spans = append(spans, p)
	}
	return spans
}

// MarkupReader reads card markup as Spans does, reusing its buffers from
// one text to the next, for renderers of many cards.
type MarkupReader struct {
	toks  []markTok
	spans []Span
}

// Read returns the pieces of card text s in order, each in one style;
// adjacent pieces may share a style, and each piece's text is a part of s.
// The slice is valid until the next call.
func (r *MarkupReader) Read(s string) []Span {
	r.toks = markTokens(r.toks[:0], s)
	spans := r.spans[:0]
	var style Style
	for _, t := range r.toks {
		switch {
		case t.text == "":
		case t.kind == Code:
			spans = append(spans, Span{Text: t.text, Style: style | Code})
		case t.paired:
			style ^= t.kind
		default:
			spans = append(spans, Span{Text: t.text, Style: style})
		}
	}
	r.spans = spans
	return spans
}

// PlainText returns card text s without its markup.
func PlainText(s string) string {
	var b strings.Builder
	for _, sp := range Spans(s) {
		b.WriteString(sp.Text)
	}
	return b.String()
}

// markTokens appends to toks the tokens of s, each text a part of s, and
// pairs the delimiters.
func markTokens(toks []markTok, s string) []markTok {
	start := 0 // the start of the pending run of plain text
	flush := func(end int) {
		if end > start {
			toks = append(toks, markTok{text: s[start:end]})
		}
	}
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s) && (s[i+1] == '*' || s[i+1] == '`'):
			flush(i)
			toks = append(toks, markTok{text: s[i+1 : i+2]})
			i += 2
			start = i
		case c == '`':
			if j := strings.IndexByte(s[i+1:], '`'); j > 0 {
				flush(i)
				toks = append(toks, markTok{text: s[i+1 : i+1+j], kind: Code})
				i += j + 2
				start = i
			} else {
				i++
			}
		case c == '*':
			flush(i)
			n := 1
			kind := Em
			if strings.HasPrefix(s[i:], "**") {
				n, kind = 2, Strong
			}
			toks = append(toks, markTok{text: s[i : i+n], kind: kind})
			i += n
			start = i
		default:
			i++
		}
	}
	flush(len(s))

	// Pair the delimiters: a closer follows a pending opener of its kind,
	// is preceded by a non-space and is not next to the opener; an opener
	// is followed by a non-space.
	before := func(i int) rune {
		for j := i - 1; j >= 0; j-- {
			if t := toks[j].text; t != "" {
				r, _ := utf8.DecodeLastRuneInString(t)
				return r
			}
		}
		return ' '
	}
	after := func(i int) rune {
		for j := i + 1; j < len(toks); j++ {
			if t := toks[j].text; t != "" {
				r, _ := utf8.DecodeRuneInString(t)
				return r
			}
		}
		return ' '
	}
	open := [2]int{-1, -1} // the pending opener of Strong, of Em
	for i := range toks {
		k := toks[i].kind
		if k != Strong && k != Em {
			continue
		}
		o := &open[k>>1] // Strong is 1, Em 2
		if *o >= 0 && *o != i-1 && !unicode.IsSpace(before(i)) {
			toks[*o].paired, toks[i].paired = true, true
			*o = -1
			continue
		}
		if *o < 0 && !unicode.IsSpace(after(i)) {
			*o = i
		}
	}
	return toks
}
