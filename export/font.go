package export

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/gomonobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Font is a TrueType font that prints the characters the built-in Go fonts
// lack (CJK, for instance). Make one with ParseFont.
type Font struct {
	data []byte
}

// Errors ParseFont returns for fonts of a shape the PDF library cannot embed.
var (
	ErrFontCFF        = errors.New("a CFF-based OpenType font (.otf) cannot be embedded; use a TrueType font (.ttf)")
	ErrFontCollection = errors.New("a TrueType collection (.ttc) cannot be embedded; use a single TrueType font (.ttf)")
)

// fontTables lists the tables the PDF library reads from a TrueType font.
var fontTables = []string{"cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post"}

// ParseFont checks that data is a TrueType font the PDF library can embed and
// returns it. It returns ErrFontCFF for a CFF-based OpenType font, ErrFontCollection
// for a font collection, and an error saying what is wrong for anything else it
// cannot use (not a font, a missing table, no Unicode character map, a licence
// that forbids embedding).
func ParseFont(data []byte) (*Font, error) {
	if len(data) < 12 {
		return nil, errors.New("not a font file")
	}
	switch string(data[:4]) {
	case "OTTO":
		return nil, ErrFontCFF
	case "ttcf":
		return nil, ErrFontCollection
	case "\x00\x01\x00\x00", "true":
	default:
		return nil, errors.New("not a TrueType font file")
	}
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("not a usable TrueType font: %w", err)
	}
	tables, err := tableDirectory(data)
	if err != nil {
		return nil, err
	}
	for _, name := range fontTables {
		if _, ok := tables[name]; !ok {
			return nil, fmt.Errorf("not a usable TrueType font: no %q table", name)
		}
	}
	if !hasUnicodeCmap4(data, tables["cmap"]) {
		return nil, errors.New("not a usable TrueType font: no Unicode character map (format 4)")
	}
	if name := tables["name"]; len(name) < 2 || binary.BigEndian.Uint16(name) != 0 {
		return nil, errors.New("not a usable TrueType font: unsupported name table")
	}
	if os2, ok := tables["OS/2"]; ok && len(os2) >= 10 {
		fsType := binary.BigEndian.Uint16(os2[8:])
		if fsType == 0x0002 || fsType&0x0300 != 0 {
			return nil, errors.New("the font's licence does not allow embedding it in a document")
		}
	}
	var b sfnt.Buffer
	if _, err := f.Metrics(&b, fixed.I(int(f.UnitsPerEm())), font.HintingNone); err != nil {
		return nil, fmt.Errorf("not a usable TrueType font: %w", err)
	}
	return &Font{data: data}, nil
}

// tableDirectory returns the tables of a TrueType font by tag, each checked
// to lie inside data.
func tableDirectory(data []byte) (map[string][]byte, error) {
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, errors.New("not a usable TrueType font: truncated table directory")
	}
	tables := make(map[string][]byte, n)
	for i := range n {
		rec := data[12+16*i:]
		off := uint64(binary.BigEndian.Uint32(rec[8:]))
		size := uint64(binary.BigEndian.Uint32(rec[12:]))
		if off+size > uint64(len(data)) {
			return nil, fmt.Errorf("not a usable TrueType font: table %q lies outside the file", rec[:4])
		}
		tables[string(rec[:4])] = data[off : off+size]
	}
	return tables, nil
}

// hasUnicodeCmap4 reports whether the cmap table has a format 4 subtable for
// Unicode, the only kind the PDF library reads.
func hasUnicodeCmap4(data, cmap []byte) bool {
	if len(cmap) < 4 {
		return false
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	for i := range n {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			return false
		}
		platform := binary.BigEndian.Uint16(cmap[rec:])
		encoding := binary.BigEndian.Uint16(cmap[rec+2:])
		off := int(binary.BigEndian.Uint32(cmap[rec+4:]))
		if platform == 0 || platform == 3 && encoding == 1 {
			if off+2 <= len(cmap) && binary.BigEndian.Uint16(cmap[off:]) == 4 {
				return true
			}
		}
	}
	return false
}

// face is one font of a document: the built-in styles and the added font.
type face int

const (
	faceRegular face = iota
	faceBold
	faceItalic
	faceBoldItalic
	faceMono
	faceMonoBold
	faceExtra
	numFaces
)

// faceNames are the font family names the faces go by in the PDF.
var faceNames = [numFaces]string{"goregular", "gobold", "goitalic", "gobolditalic", "gomono", "gomonobold", "extra"}

var faceData = [numFaces - 1][]byte{goregular.TTF, gobold.TTF, goitalic.TTF, gobolditalic.TTF, gomono.TTF, gomonobold.TTF}

// metrics holds what layout needs of one font: advance widths in thousandths
// of an em (rounded as the PDF library rounds them, so the widths written in
// the file are the ones laid out) and whether a character has a glyph.
type metrics struct {
	f       *sfnt.Font
	buf     sfnt.Buffer
	upem    float64
	ascent  float64 // em
	descent float64 // em, positive
	widths  map[rune]int32
}

// width returns the advance width of r in thousandths of an em, or -1 when
// the font has no glyph for r. Characters beyond U+FFFF are never covered:
// the PDF library cannot write them.
func (m *metrics) width(r rune) int32 {
	if w, ok := m.widths[r]; ok {
		return w
	}
	w := int32(-1)
	if r > 0 && r <= 0xFFFF && r != 0xFFFE {
		if gi, err := m.f.GlyphIndex(&m.buf, r); err == nil && gi != 0 {
			adv, err := m.f.GlyphAdvance(&m.buf, gi, fixed.I(int(m.upem)), font.HintingNone)
			if err == nil {
				w = int32(math.Round(float64(adv) / 64 * 1000 / m.upem))
			}
		}
	}
	m.widths[r] = w
	return w
}

func newMetrics(data []byte) (*metrics, error) {
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, err
	}
	m := &metrics{f: f, upem: float64(f.UnitsPerEm()), widths: make(map[rune]int32, 256)}
	fm, err := f.Metrics(&m.buf, fixed.I(int(m.upem)), font.HintingNone)
	if err != nil {
		return nil, err
	}
	m.ascent = float64(fm.Ascent) / 64 / m.upem
	m.descent = float64(fm.Descent) / 64 / m.upem
	return m, nil
}

// fontSet is the fonts one document uses.
type fontSet struct {
	m    [numFaces]*metrics
	data [numFaces][]byte
}

func newFontSet(extra *Font) (*fontSet, error) {
	fs := &fontSet{}
	for i, d := range faceData {
		m, err := newMetrics(d)
		if err != nil {
			return nil, err
		}
		fs.m[i], fs.data[i] = m, d
	}
	if extra != nil {
		m, err := newMetrics(extra.data)
		if err != nil {
			return nil, err
		}
		fs.m[faceExtra], fs.data[faceExtra] = m, extra.data
	}
	return fs, nil
}

// pick returns the face that draws r in style s (falling back to the added
// font) and the advance of r in thousandths of an em; ok is false when no
// font covers r.
func (fs *fontSet) pick(s face, r rune) (f face, w int32, ok bool) {
	if w := fs.m[s].width(r); w >= 0 {
		return s, w, true
	}
	if fs.m[faceExtra] != nil {
		if w := fs.m[faceExtra].width(r); w >= 0 {
			return faceExtra, w, true
		}
	}
	return s, 0, false
}

// Missing is a character no font in use covers, drawn as [U+XXXX] instead.
type Missing struct {
	Rune  rune
	Cards int // number of cards it appears in (0 when only in the title)
}

// Report says what an export printed and what it could not.
type Report struct {
	Pages   int       // pages written
	Missing []Missing // characters no font covers, by code point
	Cards   int       // cards with at least one such character
	// Images lists the images that could not be printed, one line each,
	// naming the chapter, the line and the file: "ch.md:12: fanout.png: no
	// such file".
	Images []string
}

// missingSet collects uncovered characters per card.
type missingSet struct {
	runes map[rune]map[int]bool // rune → card indexes
	cards map[int]bool
}

// add records r as missing in card number card; a negative card is text
// that belongs to no card (the title).
func (ms *missingSet) add(r rune, card int) {
	if ms.runes == nil {
		ms.runes = map[rune]map[int]bool{}
		ms.cards = map[int]bool{}
	}
	if ms.runes[r] == nil {
		ms.runes[r] = map[int]bool{}
	}
	if card >= 0 {
		ms.runes[r][card] = true
		ms.cards[card] = true
	}
}

func (ms *missingSet) report(r *Report) {
	for c, cards := range ms.runes {
		r.Missing = append(r.Missing, Missing{Rune: c, Cards: len(cards)})
	}
	sortMissing(r.Missing)
	r.Cards = len(ms.cards)
}

func sortMissing(m []Missing) {
	slices.SortFunc(m, func(a, b Missing) int { return cmp.Compare(a.Rune, b.Rune) })
}
