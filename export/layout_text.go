package export

import (
	"fmt"
	"strings"
	"unicode"

	"spaced/deck"
)

// span is a piece of card text in one style.
type span struct {
	style face // faceRegular, faceBold, faceItalic, faceBoldItalic, faceMono or faceMonoBold
	text  string
}

// parseMarkup splits card text in the card markup (deck.Spans) into styled
// spans. base is the style of plain text, faceRegular or faceBold (where
// **strong** is then no different).
func parseMarkup(s string, base face) []span {
	var spans []span
	for _, sp := range deck.Spans(s) {
		if sp.Image != "" {
			sp.Text = "[image: " + sp.Text + "]"
		}
		st := styleOf(base == faceBold || sp.Style&deck.Strong != 0, sp.Style&deck.Em != 0, sp.Style&deck.Code != 0)
		if n := len(spans); n > 0 && spans[n-1].style == st {
			spans[n-1].text += sp.Text
			continue
		}
		spans = append(spans, span{st, sp.Text})
	}
	return spans
}

func styleOf(strong, em, code bool) face {
	switch {
	case code && strong:
		return faceMonoBold
	case code:
		return faceMono
	case strong && em:
		return faceBoldItalic
	case strong:
		return faceBold
	case em:
		return faceItalic
	}
	return faceRegular
}

// plainText returns card text as it prints: markup removed and every
// character no font covers written as [U+XXXX]. It is what a reader of the
// PDF (or pdftotext) sees, less the line breaks.
func plainText(fs *fontSet, s string) string {
	var b strings.Builder
	for _, g := range fs.glyphs(parseMarkup(s, faceRegular), nil, 0) {
		if g.hard {
			b.WriteByte('\n')
			continue
		}
		b.WriteString(g.s)
	}
	return b.String()
}

// glyph is one unit of laid-out text: a character, or the [U+XXXX] that
// stands for a character no font covers.
type glyph struct {
	f     face
	s     string
	w     int32 // advance, thousandths of an em
	space bool  // white space: a line may break after it, and it hangs at a line end
	hard  bool  // a line break
	cjk   bool  // a character lines may break before and after
	bold  bool  // bold text drawn in the added font, which has no bold style
	r     rune
}

// glyphs turns styled spans into glyphs, choosing for each character the
// font that covers it and recording in ms the characters none covers (for
// card number card).
func (fs *fontSet) glyphs(spans []span, ms *missingSet, card int) []glyph {
	var gs []glyph
	for _, sp := range spans {
		for _, r := range sp.text {
			switch {
			case r == '\n':
				gs = append(gs, glyph{hard: true, r: r})
				continue
			case r == '\r' || unicode.Is(unicode.Cf, r):
				// Format characters (soft hyphen, zero-width space and
				// joiners, byte order mark, direction marks) have no
				// glyph to draw.
				continue
			case r == '\t' || r == 0xA0 || unicode.IsSpace(r) && r != 0x3000:
				r = ' '
			}
			f, w, ok := fs.pick(sp.style, r)
			if !ok {
				if ms != nil {
					ms.add(r, card)
				}
				s := fmt.Sprintf("[U+%04X]", r)
				mono := faceMono
				if sp.style == faceBold || sp.style == faceBoldItalic || sp.style == faceMonoBold {
					mono = faceMonoBold
				}
				var mw int32
				for _, c := range s {
					mw += fs.m[mono].width(c)
				}
				gs = append(gs, glyph{f: mono, s: s, w: mw, r: r})
				continue
			}
			bold := f == faceExtra && (sp.style == faceBold || sp.style == faceBoldItalic || sp.style == faceMonoBold)
			gs = append(gs, glyph{f: f, s: string(r), w: w, space: r == ' ', cjk: isCJK(r), bold: bold, r: r})
		}
	}
	return gs
}

// isCJK reports whether r is a character of the scripts written without
// spaces between words, where a line may break between any two characters.
func isCJK(r rune) bool {
	return r >= 0x2E80 && r <= 0x9FFF || // radicals, punctuation, kana, CJK ideographs
		r >= 0xAC00 && r <= 0xD7AF || // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF || // compatibility ideographs
		r >= 0xFF00 && r <= 0xFFEF || // full-width forms
		r >= 0x20000 && r <= 0x3FFFF
}

// noBreakBefore holds characters a line never starts with (closing
// punctuation and small kana); noBreakAfter those it never ends with.
const (
	noBreakBefore = "、。，．・：；？！）」』】〕〉》〙〗｝］ー～ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞヽヾ,.:;!?)]}"
	noBreakAfter  = "（「『【〔〈《〘〖｛［([{"
)

// canBreak reports whether a line may break between glyphs a and b (neither
// white space).
func canBreak(a, b glyph) bool {
	if !a.cjk && !b.cjk {
		// A hyphen between letters ("well-known") may end a line.
		return a.s == "-" && b.r != 0 && unicode.IsLetter(b.r)
	}
	if strings.ContainsRune(noBreakBefore, b.r) || strings.ContainsRune(noBreakAfter, a.r) {
		return false
	}
	return true
}

// textLine is one line of broken text: glyphs[a:b] and their width in
// thousandths of an em.
type textLine struct {
	a, b int
	w    int32
}

// breakLines breaks gs into lines no wider than max thousandths of an em.
// Lines break at spaces, around CJK characters and after hyphens; a word wider
// than a line breaks inside, after a '/', '.', '-', '_', '?', '&' or '='
// when one falls in the last two thirds of the line, else anywhere. Spaces at
// the end of a line hang (they are not drawn); no other glyph is ever lost.
func breakLines(gs []glyph, max int32) []textLine {
	var lines []textLine
	start := 0       // first glyph of the current line
	var w int32      // width of glyphs[start:i] less trailing spaces
	var wsp int32    // width of glyphs[start:i] with trailing spaces
	lastBreak := -1  // a glyph the line may start at, in (start, i]
	var wBreak int32 // w of glyphs[start:lastBreak]
	emit := func(end int, width int32) {
		lines = append(lines, textLine{start, end, width})
	}
	skipSpaces := func(i int) int {
		for i < len(gs) && gs[i].space {
			i++
		}
		return i
	}
	for i := 0; i < len(gs); i++ {
		g := gs[i]
		if g.hard {
			emit(i, w)
			start, w, wsp, lastBreak = i+1, 0, 0, -1
			continue
		}
		if g.space {
			wsp += g.w
			if i+1 < len(gs) && !gs[i+1].space {
				lastBreak, wBreak = i+1, w
			}
			continue
		}
		if i > start && !gs[i-1].space && canBreak(gs[i-1], g) {
			lastBreak, wBreak = i, w
		}
		if wsp+g.w <= max || i == start {
			wsp += g.w
			w = wsp
			continue
		}
		// g does not fit.
		if lastBreak > start {
			emit(lastBreak, wBreak)
			start = skipSpaces(lastBreak)
		} else {
			// A word wider than the line: break inside it.
			end := i
			if j := wordBreak(gs, start, i, max); j > start {
				end = j
			}
			var ew int32
			for _, x := range gs[start:end] {
				ew += x.w
			}
			emit(end, ew)
			start = end
		}
		// Lay out the new line from its start again.
		lastBreak, w, wsp = -1, 0, 0
		i = start - 1
	}
	if start < len(gs) || len(lines) == 0 {
		emit(len(gs), w)
	}
	return lines
}

// wordBreak returns where to break a word that runs over a line at glyph
// end: just after a URL or path separator in the last two thirds of the line,
// or 0 for none.
func wordBreak(gs []glyph, start, end int, max int32) int {
	var w int32
	best := 0
	for j := start; j < end; j++ {
		w += gs[j].w
		if strings.Contains("/.-_?&=", gs[j].s) && w*3 >= max && j+1 < end {
			best = j + 1
		}
	}
	return best
}
