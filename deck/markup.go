package deck

import (
	"path/filepath"
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
// hold line breaks. An image reference ![alt](path) is a span of its own,
// Image its path (relative to the chapter, as written) and Text its alt
// text.
type Span struct {
	Text  string
	Style Style
	Image string
}

// markTok is one piece of card text: plain text, a code span's content, or
// a "**" or "*" delimiter.
type markTok struct {
	text   string
	kind   Style  // 0 for text, Code, or the delimiter's Strong or Em
	paired bool   // a delimiter with a partner: it toggles its style
	image  string // the path of an image reference, whose text is its alt
}

// Spans splits card text s into runs of one style, in order; adjacent runs
// differ in style. It returns nil for "".
func Spans(s string) []Span {
	var r MarkupReader
	pieces := r.Read(s)
	var spans []Span
	for _, p := range pieces {
		if n := len(spans); n > 0 && spans[n-1].Style == p.Style && p.Image == "" && spans[n-1].Image == "" {
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
		case t.image != "":
			spans = append(spans, Span{Text: t.text, Style: style, Image: t.image})
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
		case c == '!' && strings.HasPrefix(s[i:], "!["):
			alt, path, n := imageAt(s[i:])
			if n == 0 {
				i++
				continue
			}
			flush(i)
			toks = append(toks, markTok{text: alt, image: path})
			i += n
			start = i
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

// imageAt reads the image reference ![alt](path) that opens s, returning
// its alt text, its path and its length, or a length of 0.
func imageAt(s string) (alt, path string, n int) {
	end := strings.Index(s, "](")
	if end < 2 || strings.ContainsAny(s[2:end], "[]\n") {
		return "", "", 0
	}
	close := strings.IndexByte(s[end+2:], ')')
	if close <= 0 || strings.ContainsAny(s[end+2:end+2+close], " \n") {
		return "", "", 0
	}
	path = strings.ReplaceAll(s[end+2:end+2+close], "%29", ")")
	if !localImage(path) {
		return "", "", 0
	}
	return s[2:end], path, end + 3 + close
}

// ShowImages returns card text s with each image reference written as a
// reader without the picture sees it: "[image: alt]" (or "[image: FILE]"
// without alt text); the rest of the markup is kept.
func ShowImages(s string) string {
	if !strings.Contains(s, "![") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], "![")
		if j < 0 {
			b.WriteString(s[i:])
			break
		}
		b.WriteString(s[i : i+j])
		alt, path, n := imageAt(s[i+j:])
		if n == 0 {
			b.WriteString("![")
			i += j + 2
			continue
		}
		if alt == "" {
			alt = filepath.Base(path)
		}
		b.WriteString("[image: " + alt + "]")
		i += j + n
	}
	return b.String()
}

// Images returns the paths of the image references of card text s.
func Images(s string) []string {
	var out []string
	for _, sp := range Spans(s) {
		if sp.Image != "" {
			out = append(out, sp.Image)
		}
	}
	return out
}

// imageRef writes an image reference of the card markup: ![alt](path).
func imageRef(alt, path string) string {
	alt = strings.NewReplacer("[", "(", "]", ")", "\n", " ").Replace(alt)
	return "![" + alt + "](" + strings.ReplaceAll(path, ")", "%29") + ")"
}

// localImage reports whether path names a picture file beside a chapter:
// a relative or absolute file path (no URL) ending in .png, .jpg, .jpeg or
// .gif.
func localImage(path string) bool {
	p := strings.ToLower(path)
	if strings.Contains(p, "://") || strings.HasPrefix(p, "data:") || strings.HasPrefix(p, "//") {
		return false
	}
	for _, ext := range []string{".png", ".jpg", ".jpeg", ".gif"} {
		if strings.HasSuffix(p, ext) {
			return true
		}
	}
	return false
}
