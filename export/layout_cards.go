package export

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
)

// Cards geometry, points.
const (
	cardsMargin  = 28.35 // 10 mm on every side
	cardsCols    = 2
	cardsRows    = 4
	cardPad      = 10  // inside a slot, on every side
	cardLabel    = 7   // size of the section label and the (k/n) mark
	cardMinSize  = 7   // text never shrinks below this
	cardFrontMax = 14  // the largest size of a front
	cardBackMax  = 12  // the largest size of a back
	cardStep     = 0.5 // sizes tried, from the largest down
	tickLen      = 12  // cut marks in the margins
	tickGap      = 4   // between a cut mark and the grid
)

// cardSide is one side of a card laid out: its text at the size that fits,
// broken into the pieces that go into consecutive slots.
type cardSide struct {
	tb     textBlock
	pieces [][2]int // line ranges, one per slot
}

// fitSide sizes gs to fit a text area w × h, from max down to cardMinSize;
// what does not fit at cardMinSize is split into pieces of whole lines.
func (fs *fontSet) fitSide(gs []glyph, max, w, h float64) cardSide {
	for size := max; size >= cardMinSize; size -= cardStep {
		tb := fs.breakText(gs, size, w)
		if tb.height() <= h+1e-6 {
			return cardSide{tb: tb, pieces: [][2]int{{0, len(tb.lines)}}}
		}
	}
	tb := fs.breakText(gs, cardMinSize, w)
	per := int(math.Floor(h/tb.lineHeight() + 1e-6))
	if per < 1 {
		per = 1
	}
	var pieces [][2]int
	for a := 0; a < len(tb.lines); a += per {
		pieces = append(pieces, [2]int{a, min(a+per, len(tb.lines))})
	}
	return cardSide{tb: tb, pieces: pieces}
}

// layoutCards lays out cut-out cards: a 2 × 4 grid of slots with cut marks;
// each page of fronts is followed by a page of backs in which the slot of
// row r, column c of the fronts is at row r, column 1 − c, so that printing
// on both sides, flipped on the long edge, puts each back behind its front.
// A card whose text does not fit at 7 points continues in the next slots on
// both pages, each piece marked (k/n).
func layoutCards(cards []Card, opt PDFOptions, fs *fontSet) (*docLayout, error) {
	if len(cards) == 0 {
		return nil, errors.New("no cards to print")
	}
	w, h, err := paperSize(opt.Paper)
	if err != nil {
		return nil, err
	}
	L := &docLayout{W: w, H: h, Margin: cardsMargin}
	slotW := (w - 2*cardsMargin) / cardsCols
	slotH := (h - 2*cardsMargin) / cardsRows
	slot := func(r, c int) box {
		return box{cardsMargin + float64(c)*slotW, cardsMargin + float64(r)*slotH, slotW, slotH}
	}
	var regions []box
	for r := range cardsRows {
		for c := range cardsCols {
			regions = append(regions, slot(r, c))
		}
	}
	perPage := cardsRows * cardsCols
	labelH := cardLabel * 1.25
	textW := slotW - 2*cardPad
	textH := slotH - 2*cardPad - 2*(labelH+2)

	// The grid and its cut marks, the same on every page: the dashed
	// lines first, then the marks, so that each style is set once a page.
	var grid, marks []stroke
	for c := 0; c <= cardsCols; c++ {
		x := cardsMargin + float64(c)*slotW
		grid = append(grid, stroke{X1: x, Y1: cardsMargin, X2: x, Y2: h - cardsMargin, Width: 0.3, Gray: 190, Dashed: true})
		marks = append(marks,
			stroke{X1: x, Y1: cardsMargin - tickGap - tickLen, X2: x, Y2: cardsMargin - tickGap, Width: 0.5},
			stroke{X1: x, Y1: h - cardsMargin + tickGap, X2: x, Y2: h - cardsMargin + tickGap + tickLen, Width: 0.5})
	}
	for r := 0; r <= cardsRows; r++ {
		y := cardsMargin + float64(r)*slotH
		grid = append(grid, stroke{X1: cardsMargin, Y1: y, X2: w - cardsMargin, Y2: y, Width: 0.3, Gray: 190, Dashed: true})
		marks = append(marks,
			stroke{X1: cardsMargin - tickGap - tickLen, Y1: y, X2: cardsMargin - tickGap, Y2: y, Width: 0.5},
			stroke{X1: w - cardsMargin + tickGap, Y1: y, X2: w - cardsMargin + tickGap + tickLen, Y2: y, Width: 0.5})
	}
	rules := append(grid, marks...)

	var front, back *pageLayout
	n := 0 // slots used
	put := func(pg *pageLayout, k int, card, piece, pieces int, label []glyph, side cardSide, centre bool) {
		b := pg.Regions[k]
		pg.Blocks = append(pg.Blocks, placement{Card: card, Piece: piece, Pieces: pieces, Region: k, Box: b})
		ax, ay := b.X+cardPad, b.Y+cardPad+labelH+2
		if label != nil {
			tb := fs.oneLine(label, cardLabel, textW)
			pg.Texts = append(pg.Texts, tb.runs(0, ax, fs.baseline(tb, b.Y+cardPad), 110, k)...)
		}
		if pieces > 1 {
			mark := fs.breakText(fs.glyphs([]span{{faceRegular, fmt.Sprintf("(%d/%d)", piece, pieces)}}, nil, -1), cardLabel, textW)
			mw := float64(mark.lines[0].w) * cardLabel / 1000
			pg.Texts = append(pg.Texts, mark.runs(0, b.X+b.W-cardPad-mw, fs.baseline(mark, b.Y+b.H-cardPad-labelH), 110, k)...)
		}
		// A side that fits one slot is repeated on each; a longer one is
		// cut into its pieces.
		lines := side.pieces[0]
		if len(side.pieces) > 1 {
			if piece > len(side.pieces) {
				return
			}
			lines = side.pieces[piece-1]
		}
		th := float64(lines[1]-lines[0]) * side.tb.lineHeight()
		y := ay + (textH-th)/2
		if len(side.pieces) > 1 {
			y = ay
		}
		for l := lines[0]; l < lines[1]; l++ {
			x := ax
			if centre {
				x += (textW - float64(side.tb.lines[l].w)*side.tb.size/1000) / 2
			}
			pg.Texts = append(pg.Texts, side.tb.runs(l, x, fs.baseline(side.tb, y), 0, k)...)
			y += side.tb.lineHeight()
		}
	}
	for i := range cards {
		c := &cards[i]
		f := fs.fitSide(fs.glyphs(parseMarkup(c.Front, faceBold), &L.missing, i), cardFrontMax, textW, textH)
		bk := fs.fitSide(fs.glyphs(parseMarkup(c.Back, faceRegular), &L.missing, i), cardBackMax, textW, textH)
		var label []glyph
		if c.Section != "" {
			label = fs.glyphs([]span{{faceItalic, c.Section}}, &L.missing, i)
		}
		pieces := max(len(f.pieces), len(bk.pieces))
		for p := 1; p <= pieces; p++ {
			k := n % perPage
			if k == 0 {
				L.Pages = append(L.Pages, pageLayout{Regions: regions, Rules: rules}, pageLayout{Back: true, Regions: regions, Rules: rules})
				front, back = &L.Pages[len(L.Pages)-2], &L.Pages[len(L.Pages)-1]
			}
			r, col := k/cardsCols, k%cardsCols
			put(front, k, i, p, pieces, label, f, true)
			put(back, r*cardsCols+(cardsCols-1-col), i, p, pieces, nil, bk, false)
			n++
		}
	}
	// The grey labels and (k/n) marks of a page are drawn before its card
	// texts, in one font each rather than one switch a card; each card's
	// lines stay together, in order.
	for p := range L.Pages {
		slices.SortStableFunc(L.Pages[p].Texts, func(a, b textRun) int { return cmp.Compare(b.Gray, a.Gray) })
	}
	return L, nil
}
