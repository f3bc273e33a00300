package export

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// PDFOptions shape a PDF export.
type PDFOptions struct {
	Paper   string    // "a4" (the default when empty) or "letter"
	Columns int       // columns of a cheat sheet, 1 to 3; 0 means 2; cards ignore it
	Title   string    // the sheet's header and the document's title
	Date    time.Time // the sheet's header date and the document's dates (UTC); zero leaves the header date out
	Font    *Font     // a font for the characters the Go fonts lack; nil for none
}

// CheatSheet writes cards to w as a printable cheat sheet, in the order
// given: the title and the date in the header, "page N of M" in the footer,
// a section heading wherever the section changes, each card's front in bold
// with its back below, in opt.Columns columns (9 points text in 2 columns,
// 10 in 1, 8 in 3; half-inch margins). A card that does not fit in what is
// left of a column starts the next one; only a card taller than a column is
// split. Characters no font covers print as [U+XXXX] in the mono font and are
// listed in the Report; they are no error. It returns an error for no cards,
// an unknown paper or a column count outside 1 to 3. The same cards and
// options give the same bytes.
func CheatSheet(w io.Writer, cards []Card, opt PDFOptions) (Report, error) {
	return export(w, cards, opt, layoutSheet)
}

// Cards writes cards to w as cut-out cards, in the order given: 2 × 4 slots
// a page with cut marks, each page of fronts followed by its page of backs
// mirrored left to right, so that printing on both sides, flipped on the
// long edge, puts each back behind its front. Text is sized to fit its slot
// (fronts from 14 points, backs from 12, never below 7); a card that does not
// fit at 7 points continues in the next slots on both pages, each piece
// marked (k/n). Characters and errors are as for CheatSheet; opt.Columns is
// not used.
func Cards(w io.Writer, cards []Card, opt PDFOptions) (Report, error) {
	return export(w, cards, opt, layoutCards)
}

type layoutFunc func([]Card, PDFOptions, *fontSet) (*docLayout, error)

func export(w io.Writer, cards []Card, opt PDFOptions, layout layoutFunc) (Report, error) {
	fs, err := newFontSet(opt.Font)
	if err != nil {
		return Report{}, err
	}
	L, err := layout(cards, opt, fs)
	if err != nil {
		return Report{}, err
	}
	var rep Report
	L.missing.report(&rep)
	rep.Images = L.images
	rep.Pages = len(L.Pages)
	if err := draw(w, L, fs, opt); err != nil {
		return rep, err
	}
	return rep, nil
}

// draw writes the layout as a PDF, emptying its pages as it goes.
func draw(w io.Writer, L *docLayout, fs *fontSet, opt PDFOptions) (err error) {
	defer func() {
		// The library reads an added font with no bounds checks; a font
		// that passed ParseFont but is still malformed must not crash.
		if r := recover(); r != nil {
			err = fmt.Errorf("writing the PDF: %v", r)
		}
	}()
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", Size: fpdf.SizeType{Wd: L.W, Ht: L.H}})
	pdf.SetCatalogSort(true)
	pdf.SetCompression(true)
	date := opt.Date.UTC()
	if opt.Date.IsZero() {
		date = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	pdf.SetCreationDate(date)
	pdf.SetModificationDate(date)
	pdf.SetCreator("spaced", false)
	pdf.SetProducer("spaced", false)
	if opt.Title != "" {
		pdf.SetTitle(opt.Title, true)
	}
	pdf.SetMargins(0, 0, 0)
	pdf.SetAutoPageBreak(false, 0)
	var added [numFaces]bool
	curFace, curSize, curGray := face(-1), -1.0, -1
	var line lineStyle
	var rules []stroke // the rules of the page before
	var ruled fpdf.Template
	for i, pg := range L.Pages {
		// The page's layout is let go once drawn: the document's memory
		// is then the library's page streams, not a record per run of
		// text of every page.
		L.Pages[i] = pageLayout{}
		pdf.AddPage()
		curFace, curSize, curGray = -1, -1, -1
		line = lineStyle{}
		switch {
		case len(pg.Rules) == 0:
		case len(rules) > 0 && &pg.Rules[0] == &rules[0] && len(pg.Rules) == len(rules):
			// The same rules as the page before (the grid of every page
			// of cards): drawn once, in a form the pages refer to.
			if ruled == nil {
				ruled = pdf.CreateTemplate(func(t *fpdf.Tpl) { drawRules(&t.Fpdf, rules) })
			}
			pdf.UseTemplate(ruled)
		default:
			drawRules(pdf, pg.Rules)
			rules, ruled = pg.Rules, nil
		}
		for _, im := range pg.Images {
			opts := fpdf.ImageOptions{ReadDpi: false}
			pdf.RegisterImageOptions(im.Path, opts)
			pdf.ImageOptions(im.Path, im.X, im.Y, im.W, im.H, false, opts, 0, "")
		}
		if err := pdf.Error(); err != nil {
			return fmt.Errorf("writing an image: %w", err)
		}
		for _, t := range pg.Texts {
			if !added[t.Face] {
				// The library writes into the font bytes it is given
				// (the Go fonts are shared by the whole program, and a
				// second document would differ), so it gets a copy.
				pdf.AddUTF8FontFromBytes(faceNames[t.Face], "", bytes.Clone(fs.data[t.Face]))
				added[t.Face] = true
			}
			if t.Face != curFace || t.Size != curSize {
				pdf.SetFont(faceNames[t.Face], "", t.Size)
				curFace, curSize = t.Face, t.Size
			}
			if int(t.Gray) != curGray {
				g := int(t.Gray)
				pdf.SetTextColor(g, g, g)
				curGray = g
			}
			if t.Bold {
				// Fill and stroke the outlines: a bold look for a font
				// that has no bold style.
				line.set(pdf, int(t.Gray), t.Size*0.03, false)
				pdf.SetTextRenderingMode(2)
				pdf.Text(t.X, t.Y, t.S)
				pdf.SetTextRenderingMode(0)
				continue
			}
			pdf.Text(t.X, t.Y, t.S)
		}
		if pdf.Err() {
			return pdf.Error()
		}
	}
	return pdf.Output(w)
}

// lineStyle is the style of the lines a page draws, as last set: each is
// written into the page's stream only when it changes (a page starts with
// none set).
type lineStyle struct {
	known  bool
	gray   int
	width  float64
	dashed bool
}

// set makes gray, width and dashed the style of the lines drawn next.
func (l *lineStyle) set(pdf *fpdf.Fpdf, gray int, width float64, dashed bool) {
	if l.known && l.gray == gray && l.width == width && l.dashed == dashed {
		return
	}
	if !l.known || l.gray != gray {
		pdf.SetDrawColor(gray, gray, gray)
	}
	if !l.known || l.width != width {
		pdf.SetLineWidth(width)
	}
	if !l.known || l.dashed != dashed {
		if dashed {
			pdf.SetDashPattern([]float64{3, 2}, 0)
		} else {
			pdf.SetDashPattern(nil, 0)
		}
	}
	*l = lineStyle{known: true, gray: gray, width: width, dashed: dashed}
}

// drawRules draws rules, each line style set once for the lines after it
// that share it.
func drawRules(pdf *fpdf.Fpdf, rules []stroke) {
	var line lineStyle
	for _, r := range rules {
		line.set(pdf, int(r.Gray), r.Width, r.Dashed)
		pdf.Line(r.X1, r.Y1, r.X2, r.Y2)
	}
}
