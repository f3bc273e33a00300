package export

import (
	"fmt"
	"math"
	"strings"
)

// The layout is computed as data (pages of positioned text runs and lines)
// before anything is drawn, so tests can check what goes where. All lengths
// are in points (1/72 inch), measured from the top-left corner of the page.

// box is a rectangle on a page.
type box struct{ X, Y, W, H float64 }

// textRun is a run of text in one font; its baseline starts at X, Y.
type textRun struct {
	X, Y   float64
	Size   float64 // font size, points
	Face   face
	S      string
	W      float64 // advance width
	Gray   uint8   // 0 black … 255 white
	Bold   bool    // drawn thicker: bold text in a font without a bold style
	Region int     // index in Page.Regions of the area it must stay in; -1 for the page margins
}

// stroke is a straight line.
type stroke struct {
	X1, Y1, X2, Y2 float64
	Width          float64
	Gray           uint8
	Dashed         bool
}

// placement records where a card, or one piece of a card split over several
// columns or slots, was placed.
type placement struct {
	Card   int // index in the cards given
	Piece  int // 1-based
	Pieces int
	Region int // index in Page.Regions
	Box    box // the space it takes
}

// picture is an image drawn in a box, from the file at Path.
type picture struct {
	box
	Path string
}

// pageLayout is one laid-out page.
type pageLayout struct {
	Back    bool  // a page of card backs (cards layout)
	Regions []box // the columns of a sheet page, the slots of a cards page
	Blocks  []placement
	Texts   []textRun
	Rules   []stroke
	Images  []picture
}

// docLayout is a laid-out document.
type docLayout struct {
	W, H    float64 // page size
	Margin  float64
	Pages   []pageLayout
	missing missingSet
	images  []string // the images not printed, as Report.Images
}

// paperSize returns the page size of a paper name ("a4", "letter"; "" is a4).
func paperSize(name string) (w, h float64, err error) {
	switch strings.ToLower(name) {
	case "", "a4":
		return 595.28, 841.89, nil
	case "letter":
		return 612, 792, nil
	}
	return 0, 0, fmt.Errorf("unknown paper %q (want a4 or letter)", name)
}

// textBlock is text broken into lines at one size.
type textBlock struct {
	gs      []glyph
	lines   []textLine
	size    float64
	leading float64 // distance between baselines, as a multiple of size
}

func (tb textBlock) lineHeight() float64 { return tb.size * tb.leading }

func (tb textBlock) height() float64 { return float64(len(tb.lines)) * tb.lineHeight() }

// runs returns the text runs of line i with its left end at x and baseline
// y: one run per stretch of glyphs in one font, trailing spaces left out.
func (tb textBlock) runs(i int, x, y float64, gray uint8, region int) []textRun {
	l := tb.lines[i]
	b := l.b
	for b > l.a && tb.gs[b-1].space {
		b--
	}
	var out []textRun
	var sb strings.Builder
	start := x
	var cur face = -1
	bold := false
	var w int32
	flush := func() {
		if sb.Len() > 0 {
			tw := float64(w) * tb.size / 1000
			out = append(out, textRun{X: start, Y: y, Size: tb.size, Face: cur, S: sb.String(), W: tw, Gray: gray, Bold: bold, Region: region})
			start += tw
		}
		sb.Reset()
		w = 0
	}
	for _, g := range tb.gs[l.a:b] {
		if g.f != cur || g.bold != bold {
			flush()
			cur, bold = g.f, g.bold
		}
		sb.WriteString(g.s)
		w += g.w
	}
	flush()
	return out
}

// breakText lays out styled spans at size within width points.
func (fs *fontSet) breakText(gs []glyph, size, width float64) textBlock {
	max := int32(math.Floor(width * 1000 / size))
	return textBlock{gs: gs, lines: breakLines(gs, max), size: size, leading: fs.leading()}
}

// leading returns the distance between baselines as a multiple of the font
// size: 1.25, or more when an added font reaches higher or lower.
func (fs *fontSet) leading() float64 {
	a, d := fs.extent()
	return math.Max(1.25, a+d+0.05)
}

// extent returns the greatest ascent and descent of the fonts in use, as
// multiples of the font size.
func (fs *fontSet) extent() (ascent, descent float64) {
	for _, m := range fs.m {
		if m != nil {
			ascent, descent = math.Max(ascent, m.ascent), math.Max(descent, m.descent)
		}
	}
	return ascent, descent
}

// baseline returns the baseline of a line of tb whose line box starts at top:
// the glyphs' extent is centred in the box.
func (fs *fontSet) baseline(tb textBlock, top float64) float64 {
	a, d := fs.extent()
	return top + (tb.leading-a-d)/2*tb.size + a*tb.size
}

// oneLine returns text cut to one line of width points at size, ending in
// "…" when it is cut.
func (fs *fontSet) oneLine(gs []glyph, size, width float64) textBlock {
	tb := fs.breakText(gs, size, width)
	if len(tb.lines) <= 1 {
		return tb
	}
	ell, w, _ := fs.pick(faceRegular, '…')
	max := int32(math.Floor(width*1000/size)) - w
	var cut []glyph
	var sum int32
	for _, g := range gs {
		if g.hard || sum+g.w > max {
			break
		}
		cut = append(cut, g)
		sum += g.w
	}
	for len(cut) > 0 && cut[len(cut)-1].space {
		cut = cut[:len(cut)-1]
	}
	cut = append(cut, glyph{f: ell, s: "…", w: w, r: '…'})
	return fs.breakText(cut, size, width)
}
