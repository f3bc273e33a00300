package export

import (
	"errors"
	"fmt"
	"image"
	_ "image/gif"
	_ "image/jpeg"
	_ "image/png"
	"io/fs"
	"os"
	"spaced/deck"
)

// Sheet geometry, points.
const (
	sheetMargin = 36 // half an inch on every side
	sheetGutter = 18 // between columns
	headerSize  = 11
	footerSize  = 8
	headerSpace = 26 // from the top margin to the first line of the columns
	footerSpace = 20 // from the last line of the columns to the bottom margin
)

// bodySize returns the sheet's font size for a number of columns.
func bodySize(columns int) float64 {
	switch columns {
	case 1:
		return 10
	case 3:
		return 8
	}
	return 9
}

// row is one line of a card or heading on a sheet, or a gap.
type row struct {
	h       float64
	tb      *textBlock // nil for a gap or a picture
	pic     *picture   // an image, with its size; placed where the row lands
	line    int
	rule    bool // a gap with a thin rule across it
	heading bool // a line of a section heading
}

// unit is what moves to the next column as a whole: a card, with the heading
// of its section when the section starts with it.
type unit struct {
	card int
	rows []row
}

// layoutSheet lays out a cheat sheet: a header with the title and the date,
// the cards in columns under section headings, and "page N of M" in the
// footer.
func layoutSheet(cards []Card, opt PDFOptions, fs *fontSet) (*docLayout, error) {
	if len(cards) == 0 {
		return nil, errors.New("no cards to print")
	}
	cards = sheetNotes(cards)
	w, h, err := paperSize(opt.Paper)
	if err != nil {
		return nil, err
	}
	ncol := opt.Columns
	if ncol == 0 {
		ncol = 2
	}
	if ncol < 1 || ncol > 3 {
		return nil, fmt.Errorf("columns must be 1, 2 or 3, not %d", ncol)
	}
	L := &docLayout{W: w, H: h, Margin: sheetMargin}
	size := bodySize(ncol)
	top := float64(sheetMargin + headerSpace)
	bottom := h - sheetMargin - footerSpace
	colW := (w - 2*sheetMargin - float64(ncol-1)*sheetGutter) / float64(ncol)
	regions := make([]box, ncol)
	for c := range regions {
		regions[c] = box{X: sheetMargin + float64(c)*(colW+sheetGutter), Y: top, W: colW, H: bottom - top}
	}

	// Turn each card into a unit of rows and place it in the columns.
	f := &sheetFlow{L: L, fs: fs, regions: regions, ncol: ncol, top: top, bottom: bottom, colW: colW}
	f.newPage()
	var lastKey string
	for i := range cards {
		c := &cards[i]
		var rows []row
		if key := c.Deck + "\x00" + c.Section; c.Section != "" && key != lastKey {
			gs := fs.glyphs([]span{{faceBold, c.Section}}, &L.missing, i)
			tb := fs.breakText(gs, size+1.5, colW)
			rows = append(rows, row{h: size * 0.6})
			for l := range tb.lines {
				rows = append(rows, row{h: tb.lineHeight(), tb: &tb, line: l, heading: true})
			}
			rows = append(rows, row{h: size * 0.5, rule: true})
			lastKey = key
		} else if c.Section == "" {
			lastKey = ""
		}
		if c.Front != "" {
			front := fs.breakText(fs.glyphs(parseMarkup(c.Front, faceBold), &L.missing, i), size, colW)
			for l := range front.lines {
				rows = append(rows, row{h: front.lineHeight(), tb: &front, line: l})
			}
			rows = append(rows, row{h: size * 0.15})
		}
		back := fs.breakText(fs.glyphs(parseMarkup(c.Back, faceRegular), &L.missing, i), size, colW)
		for l := range back.lines {
			rows = append(rows, row{h: back.lineHeight(), tb: &back, line: l})
		}
		for _, img := range append(deck.Images(c.Front), deck.Images(c.Back)...) {
			pic, err := sizePicture(c.ImagePath(img), colW, (bottom-top)/2)
			if err != nil {
				L.images = append(L.images, fmt.Sprintf("%s:%d: %s: %v", c.Source, c.Line, img, err))
				continue
			}
			rows = append(rows, row{h: size * 0.3}, row{h: pic.H, pic: &pic})
		}
		rows = append(rows, row{h: size * 0.7})
		// Placed at once, so that only this card's glyphs are held.
		f.place(unit{card: i, rows: rows})
	}

	// Headers, footers and column rules.
	dateText := ""
	if !opt.Date.IsZero() {
		dateText = opt.Date.UTC().Format("2006-01-02")
	}
	date := fs.breakText(fs.glyphs([]span{{faceRegular, dateText}}, nil, -1), headerSize-1, w)
	dateW := 0.0
	if len(date.lines) > 0 {
		dateW = float64(date.lines[0].w) * date.size / 1000
	}
	title := fs.oneLine(fs.glyphs([]span{{faceBold, opt.Title}}, &L.missing, -1), headerSize, w-2*sheetMargin-dateW-12)
	for p := range L.Pages {
		pg := &L.Pages[p]
		base := sheetMargin + fs.m[faceBold].ascent*headerSize
		pg.Texts = append(pg.Texts, title.runs(0, sheetMargin, base, 0, -1)...)
		if dateW > 0 {
			pg.Texts = append(pg.Texts, date.runs(0, w-sheetMargin-dateW, base, 80, -1)...)
		}
		ry := base + fs.m[faceBold].descent*headerSize + 3
		pg.Rules = append(pg.Rules, stroke{X1: sheetMargin, Y1: ry, X2: w - sheetMargin, Y2: ry, Width: 0.6, Gray: 0})
		foot := fs.breakText(fs.glyphs([]span{{faceRegular, fmt.Sprintf("page %d of %d", p+1, len(L.Pages))}}, nil, -1), footerSize, w)
		fw := float64(foot.lines[0].w) * footerSize / 1000
		pg.Texts = append(pg.Texts, foot.runs(0, (w-fw)/2, h-sheetMargin-fs.m[faceRegular].descent*footerSize, 80, -1)...)
		for c := 1; c < ncol; c++ {
			x := regions[c].X - sheetGutter/2
			pg.Rules = append(pg.Rules, stroke{X1: x, Y1: top, X2: x, Y2: bottom, Width: 0.3, Gray: 190})
		}
	}
	return L, nil
}

// sheetFlow places the units of a sheet in its columns, page after page.
type sheetFlow struct {
	L                 *docLayout
	fs                *fontSet
	regions           []box
	ncol              int
	top, bottom, colW float64
	page              *pageLayout // the page being filled
	col               int         // its column being filled
	y                 float64     // the top of the space left in the column
}

func (f *sheetFlow) newPage() {
	f.L.Pages = append(f.L.Pages, pageLayout{Regions: f.regions})
	f.page = &f.L.Pages[len(f.L.Pages)-1]
	f.col, f.y = 0, f.top
}

func (f *sheetFlow) nextColumn() {
	if f.col+1 < f.ncol {
		f.col++
		f.y = f.top
		return
	}
	f.newPage()
}

// place places unit u where the last one ended, splitting it over
// columns when it must.
func (f *sheetFlow) place(u unit) {
	const eps = 1e-6
	need := 0.0 // height of the unit less its last gap
	for _, r := range u.rows[:len(u.rows)-1] {
		need += r.h
	}
	if f.y > f.top && f.y+need > f.bottom+eps {
		if need <= f.bottom-f.top+eps {
			f.nextColumn()
		} else if f.y+minSplit(u.rows) > f.bottom+eps {
			f.nextColumn()
		}
	}
	first := len(f.page.Blocks)
	firstPage := len(f.L.Pages) - 1
	blockStart := f.y
	piece := 1
	for k, r := range u.rows {
		gap := r.tb == nil && r.pic == nil
		if gap && f.y == f.top {
			continue // no gap at the top of a column
		}
		if f.y+r.h > f.bottom+eps {
			if gap {
				f.y = f.bottom
				continue
			}
			f.page.Blocks = append(f.page.Blocks, placement{Card: u.card, Piece: piece, Region: f.col,
				Box: box{f.regions[f.col].X, blockStart, f.colW, f.y - blockStart}})
			f.nextColumn()
			piece++
			blockStart = f.y
		}
		if r.tb != nil {
			base := f.fs.baseline(*r.tb, f.y)
			f.page.Texts = append(f.page.Texts, r.tb.runs(r.line, f.regions[f.col].X, base, 0, f.col)...)
		}
		if r.pic != nil {
			p := *r.pic
			p.X, p.Y = f.regions[f.col].X, f.y
			f.page.Images = append(f.page.Images, p)
		}
		if r.rule {
			f.page.Rules = append(f.page.Rules, stroke{X1: f.regions[f.col].X, Y1: f.y + r.h/2, X2: f.regions[f.col].X + f.colW, Y2: f.y + r.h/2, Width: 0.4, Gray: 160})
		}
		f.y += r.h
		if k == len(u.rows)-1 {
			f.y = min(f.y, f.bottom)
		}
	}
	f.page.Blocks = append(f.page.Blocks, placement{Card: u.card, Piece: piece, Region: f.col,
		Box: box{f.regions[f.col].X, blockStart, f.colW, f.y - blockStart}})
	// Number the pieces now that their count is known.
	for p := firstPage; p < len(f.L.Pages); p++ {
		bs := f.L.Pages[p].Blocks
		from := 0
		if p == firstPage {
			from = first
		}
		for b := from; b < len(bs); b++ {
			bs[b].Pieces = piece
		}
	}
}

// minSplit is the least height of a unit worth starting at the bottom of a
// column when it must be split: its heading, if any, and two lines.
func minSplit(rows []row) float64 {
	h, lines := 0.0, 0
	for _, r := range rows {
		h += r.h
		if r.tb != nil && !r.heading {
			lines++
		}
		if lines >= 2 {
			break
		}
	}
	return h
}

// sheetNotes returns the cards a cheat sheet prints: a note of several
// cards once, a cloze note as its text with every deletion in bold (and no
// question), a two-way note as its forward card.
func sheetNotes(cards []Card) []Card {
	var out []Card
	seen := make(map[string]bool)
	for _, c := range cards {
		if c.Note != "" {
			if seen[c.Note] {
				continue
			}
			seen[c.Note] = true
		}
		switch {
		case c.Kind == deck.KindCloze:
			c.Front, c.Back = "", deck.ClozeFull(c.Text)
		case c.Reverse:
			c.Front, c.Back = c.Back, c.Front
		}
		out = append(out, c)
	}
	return out
}

// sizePicture reads the size of the image at path (PNG, JPEG or GIF) and
// scales it, at 96 pixels an inch, to at most maxW wide and maxH high.
func sizePicture(path string, maxW, maxH float64) (picture, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return picture{}, errors.New("no such file")
		}
		return picture{}, err
	}
	defer f.Close()
	cfg, format, err := image.DecodeConfig(f)
	if err != nil {
		return picture{}, errors.New("not a PNG, JPEG or GIF image")
	}
	if format != "png" && format != "jpeg" && format != "gif" || cfg.Width <= 0 || cfg.Height <= 0 {
		return picture{}, fmt.Errorf("a %s image, not one a PDF can hold", format)
	}
	w, h := float64(cfg.Width)*0.75, float64(cfg.Height)*0.75
	scale := min(1, maxW/w, maxH/h)
	return picture{box: box{W: w * scale, H: h * scale}, Path: path}, nil
}
