package export

import (
	"bytes"
	"fmt"
	"html"
	"image"
	"image/png"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"spaced/deck"
	"spaced/internal/testenv"
)

// compiled compiles a chapter into export cards.
func compiled(t testing.TB, path string, src []byte) []Card {
	t.Helper()
	d, _, err := deck.Compile(path, src, deck.Options{})
	if err != nil {
		t.Fatalf("Compile(%s): %v", path, err)
	}
	if len(d.Cards) == 0 {
		t.Fatalf("Compile(%s) found no cards", path)
	}
	var cards []Card
	for _, c := range d.Cards {
		cards = append(cards, Card{Card: c, Deck: d.Name})
	}
	return cards
}

func builtinCards(t testing.TB) []Card {
	path, src := deck.Builtin()
	return compiled(t, path, src)
}

func seedCards(t testing.TB) []Card {
	path := filepath.Join(testenv.Shared(t), "chapters", "00-seed-serverless-ch20.txt")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return compiled(t, path, src)
}

// word is a word pdftotext -bbox found, in points from the top-left corner.
type word struct {
	page           int // 0-based
	x0, y0, x1, y1 float64
	s              string
}

var (
	bboxPage = regexp.MustCompile(`<page width="([0-9.]+)" height="([0-9.]+)">`)
	bboxWord = regexp.MustCompile(`<word xMin="([0-9.-]+)" yMin="([0-9.-]+)" xMax="([0-9.-]+)" yMax="([0-9.-]+)">([^<]*)</word>`)
)

// bboxWords runs pdftotext -bbox on the PDF at path.
func bboxWords(t testing.TB, path string) []word {
	t.Helper()
	out, err := exec.Command(testenv.Tool(t, "pdftotext"), "-bbox", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	var words []word
	page := -1
	for _, line := range strings.Split(string(out), "\n") {
		if bboxPage.MatchString(line) {
			page++
			continue
		}
		m := bboxWord.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		f := func(i int) float64 { v, _ := strconv.ParseFloat(m[i], 64); return v }
		words = append(words, word{page, f(1), f(2), f(3), f(4), html.UnescapeString(m[5])})
	}
	return words
}

// squeeze removes white space, which line breaks move.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// textIn returns the words whose centres lie in box on page, in reading
// order, joined without spaces.
func textIn(words []word, page int, b box) string {
	var in []word
	for _, w := range words {
		cx, cy := (w.x0+w.x1)/2, (w.y0+w.y1)/2
		if w.page == page && cx >= b.X && cx <= b.X+b.W && cy >= b.Y && cy <= b.Y+b.H {
			in = append(in, w)
		}
	}
	// Lines: words whose centres are within 3 points of each other.
	sort.SliceStable(in, func(i, j int) bool { return in[i].y0+in[i].y1 < in[j].y0+in[j].y1 })
	var b2 strings.Builder
	for i := 0; i < len(in); {
		j := i + 1
		for j < len(in) && (in[j].y0+in[j].y1)/2-(in[i].y0+in[i].y1)/2 < 3 {
			j++
		}
		line := in[i:j]
		sort.SliceStable(line, func(a, b int) bool { return line[a].x0 < line[b].x0 })
		for _, w := range line {
			b2.WriteString(w.s)
		}
		i = j
	}
	return b2.String()
}

// checkPDF checks the PDF at path with qpdf, pdffonts and pdftotext: the
// file is valid, every font is embedded, every word lies in a region of its
// page inside the margins, and each card's front and back are there in full.
func checkPDF(t *testing.T, path string, L *docLayout, cards []Card, fs *fontSet, cardsLayout bool) {
	t.Helper()
	if out, err := exec.Command(testenv.Tool(t, "qpdf"), "--check", path).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check %s: %v\n%s", path, err, out)
	}
	out, err := exec.Command(testenv.Tool(t, "pdffonts"), path).Output()
	if err != nil {
		t.Fatalf("pdffonts: %v", err)
	}
	rows := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(rows) < 3 {
		t.Errorf("pdffonts lists no fonts:\n%s", out)
	}
	for _, r := range rows[2:] {
		f := strings.Fields(r)
		if len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", r)
		}
	}

	words := bboxWords(t, path)
	if len(words) == 0 {
		t.Fatal("pdftotext found no words")
	}
	const tol = 0.5
	for _, w := range words {
		if w.page >= len(L.Pages) {
			t.Fatalf("word %q on page %d of %d", w.s, w.page+1, len(L.Pages))
		}
		if w.x0 < L.Margin-tol || w.x1 > L.W-L.Margin+tol || w.y0 < L.Margin-tol || w.y1 > L.H-L.Margin+tol {
			t.Errorf("page %d: %q at (%.1f %.1f)-(%.1f %.1f) leaves the margins", w.page+1, w.s, w.x0, w.y0, w.x1, w.y1)
		}
		pg := L.Pages[w.page]
		cy := (w.y0 + w.y1) / 2
		inside, within := false, false
		for _, r := range pg.Regions {
			if cy >= r.Y && cy <= r.Y+r.H {
				within = true // not the header or footer of a sheet
				if w.x0 >= r.X-tol && w.x1 <= r.X+r.W+tol && w.y0 >= r.Y-tol && w.y1 <= r.Y+r.H+tol {
					inside = true
				}
			}
		}
		if within && !inside {
			t.Errorf("page %d: %q at (%.1f %.1f)-(%.1f %.1f) is not inside a column or card", w.page+1, w.s, w.x0, w.y0, w.x1, w.y1)
		}
	}

	// Each card's text, gathered piece by piece from where the layout put it.
	got := make([][2]strings.Builder, len(cards))
	for p, pg := range L.Pages {
		for _, b := range pg.Blocks {
			area := b.Box
			side := 0
			if cardsLayout {
				// The card's text, less its label and (k/n) mark.
				area = box{area.X, area.Y + cardPad + cardLabel*1.25 + 2, area.W, area.H - 2*(cardPad+cardLabel*1.25+2)}
				if pg.Back {
					side = 1
				}
			}
			got[b.Card][side].WriteString(textIn(words, p, area))
		}
	}
	for i, c := range cards {
		front, back := squeeze(plainText(fs, c.Front)), squeeze(plainText(fs, c.Back))
		if cardsLayout {
			if g := got[i][0].String(); !strings.Contains(g, front) {
				t.Errorf("card %d: front %q not found in %q", i, front, g)
			}
			if g := got[i][1].String(); !strings.Contains(g, back) {
				t.Errorf("card %d: back %q not found in %q", i, back, g)
			}
			continue
		}
		if g := got[i][0].String(); !strings.Contains(g, front+back) {
			t.Errorf("card %d: %q not found in %q", i, front+back, g)
		}
	}
}

// writePDF exports cards to a file in a temporary folder and returns its
// path, the layout it was drawn from, and the report.
func writePDF(t *testing.T, cards []Card, opt PDFOptions, cardsLayout bool) (string, *docLayout, *fontSet, Report) {
	t.Helper()
	fs, err := newFontSet(opt.Font)
	if err != nil {
		t.Fatal(err)
	}
	lay, write := layoutSheet, CheatSheet
	if cardsLayout {
		lay, write = layoutCards, Cards
	}
	L, err := lay(cards, opt, fs)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	rep, err := write(&buf, cards, opt)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Pages != len(L.Pages) {
		t.Errorf("report says %d pages, layout has %d", rep.Pages, len(L.Pages))
	}
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, L, fs, rep
}

func TestPDFBuiltinAndSeed(t *testing.T) {
	for _, src := range []struct {
		name  string
		cards func(testing.TB) []Card
	}{{"builtin", builtinCards}, {"seed", seedCards}} {
		for _, tc := range []struct {
			opt   PDFOptions
			cards bool
		}{
			{PDFOptions{Title: "Deck", Date: testDate}, false},
			{PDFOptions{Title: "Deck", Date: testDate, Columns: 3, Paper: "letter"}, false},
			{PDFOptions{Title: "Deck", Date: testDate, Columns: 1}, false},
			{PDFOptions{Date: testDate}, true},
			{PDFOptions{Date: testDate, Paper: "letter"}, true},
		} {
			t.Run(fmt.Sprintf("%s/%+v/cards=%v", src.name, tc.opt.Columns, tc.cards), func(t *testing.T) {
				cards := src.cards(t)
				path, L, fs, _ := writePDF(t, cards, tc.opt, tc.cards)
				checkPDF(t, path, L, cards, fs, tc.cards)
			})
		}
	}
}

// scriptsBack is an answer in many scripts, with characters the Go fonts
// lack: a check mark, an emoji and Japanese.
const scriptsBack = "“Curly” quotes — em dashes, accents (café, naïve), Greek αβγδ, Cyrillic Привет, a check ✓, a rocket 🚀 and Japanese: " +
	"サーバーレスでは、関数が呼び出されたときだけ課金されます。コールドスタートを短くするには、パッケージを小さく保ちます。"

func scriptCards() []Card {
	var cards []Card
	for i := range 12 {
		cards = append(cards, testCard(fmt.Sprint(i), "Scripts", fmt.Sprintf("F%02dx: What prints in «every» script? ✓", i), scriptsBack))
	}
	return cards
}

func TestPDFScriptsWithoutFont(t *testing.T) {
	cards := scriptCards()
	for _, cardsLayout := range []bool{false, true} {
		path, L, fs, rep := writePDF(t, cards, PDFOptions{Title: "Scripts", Date: testDate, Columns: 3}, cardsLayout)
		if rep.Cards != len(cards) {
			t.Errorf("report: %d cards with missing characters, want %d", rep.Cards, len(cards))
		}
		want := map[rune]bool{'✓': true, '🚀': true, 'サ': true, '。': true}
		for _, m := range rep.Missing {
			delete(want, m.Rune)
			if strings.ContainsRune("“”—éïαβγδПривет«»", m.Rune) {
				t.Errorf("report: %c (U+%04X) missing, but the Go fonts cover it", m.Rune, m.Rune)
			}
		}
		if len(want) > 0 {
			t.Errorf("report lacks %v", want)
		}
		checkCovered(t, L, fs)
		checkPDF(t, path, L, cards, fs, cardsLayout)
	}
}

func TestPDFScriptsWithFont(t *testing.T) {
	cards := scriptCards()
	for _, cardsLayout := range []bool{false, true} {
		opt := PDFOptions{Title: "Scripts", Date: testDate, Columns: 3, Font: droidFont(t)}
		path, L, fs, rep := writePDF(t, cards, opt, cardsLayout)
		var missing []string
		for _, m := range rep.Missing {
			missing = append(missing, string(m.Rune))
		}
		// The CJK font has no check mark; nothing has the emoji.
		if got := strings.Join(missing, ""); got != "✓🚀" {
			t.Errorf("missing with the CJK font = %q, want ✓🚀", got)
		}
		checkCovered(t, L, fs)
		checkPDF(t, path, L, cards, fs, cardsLayout)
		// Not one Japanese character is lost at a line break.
		out, err := exec.Command(testenv.Tool(t, "pdftotext"), "-raw", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text := squeeze(string(out))
		const jp = "サーバーレスでは、関数が呼び出されたときだけ課金されます。コールドスタートを短くするには、パッケージを小さく保ちます。"
		if n := strings.Count(text, jp); n != len(cards) {
			t.Errorf("pdftotext finds the Japanese %d times, want %d", n, len(cards))
		}
	}
}

// checkCovered fails the test for any text drawn in a font without a glyph
// for one of its characters (an empty box on paper).
func checkCovered(t *testing.T, L *docLayout, fs *fontSet) {
	t.Helper()
	for p, pg := range L.Pages {
		for _, tx := range pg.Texts {
			for _, r := range tx.S {
				if fs.m[tx.Face].width(r) < 0 {
					t.Errorf("page %d: %q (U+%04X) drawn in %s, which has no glyph for it", p+1, r, r, faceNames[tx.Face])
				}
			}
		}
	}
}

// TestPDFCardsBacksMirrored finds each card's front and back with
// pdftotext: the back of the card at row r, column c of a front page is at
// row r, column 1 − c of the next page.
func TestPDFCardsBacksMirrored(t *testing.T) {
	var cards []Card
	for i := range 19 {
		cards = append(cards, testCard(fmt.Sprint(i), "S", fmt.Sprintf("F%02dx front", i), fmt.Sprintf("B%02dx back", i)))
	}
	path, L, _, _ := writePDF(t, cards, PDFOptions{}, true)
	words := bboxWords(t, path)
	slotW, slotH := (L.W-2*L.Margin)/2, (L.H-2*L.Margin)/4
	where := map[string][3]int{} // word → page, row, column
	for _, w := range words {
		if len(w.s) == 4 && (w.s[0] == 'F' || w.s[0] == 'B') && w.s[3] == 'x' {
			cx, cy := (w.x0+w.x1)/2, (w.y0+w.y1)/2
			where[w.s] = [3]int{w.page, int((cy - L.Margin) / slotH), int((cx - L.Margin) / slotW)}
		}
	}
	for i := range cards {
		f, okf := where[fmt.Sprintf("F%02dx", i)]
		b, okb := where[fmt.Sprintf("B%02dx", i)]
		if !okf || !okb {
			t.Errorf("card %d: front found %v, back found %v", i, okf, okb)
			continue
		}
		if f[0]%2 != 0 || b != [3]int{f[0] + 1, f[1], 1 - f[2]} {
			t.Errorf("card %d: front at page %d row %d column %d, back at page %d row %d column %d; want page %d row %d column %d",
				i, f[0]+1, f[1], f[2], b[0]+1, b[1], b[2], f[0]+2, f[1], 1-f[2])
		}
	}
}

// TestPDFCardsGridOnEveryPage renders every page of cards with pdftoppm
// and checks that its cut marks and grid are those of the first page: the
// first page draws them, the others refer to them drawn once.
func TestPDFCardsGridOnEveryPage(t *testing.T) {
	path, L, _, _ := writePDF(t, testCards(20), PDFOptions{}, true)
	if len(L.Pages) != 6 {
		t.Fatalf("%d pages, want 6", len(L.Pages))
	}
	dir := t.TempDir()
	const dpi = 36
	if out, err := exec.Command(testenv.Tool(t, "pdftoppm"), "-r", fmt.Sprint(dpi), "-gray", "-png", path, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "p-*.png"))
	sort.Strings(files)
	if len(files) != len(L.Pages) {
		t.Fatalf("pdftoppm wrote %d pages, want %d", len(files), len(L.Pages))
	}
	px := func(pt float64) int { return int(pt * dpi / 72) }
	slotW, slotH := (L.W-2*L.Margin)/2, (L.H-2*L.Margin)/4
	// On the grid: the margins, where the cut marks are, and the pixels
	// within 1 of each line between the slots, where no text goes.
	onGrid := func(x, y int) bool {
		if x < px(L.Margin)-1 || x > px(L.W-L.Margin)+1 || y < px(L.Margin)-1 || y > px(L.H-L.Margin)+1 {
			return true
		}
		for c := range 3 {
			if d := x - px(L.Margin+float64(c)*slotW); d >= -1 && d <= 1 {
				return true
			}
		}
		for r := range 5 {
			if d := y - px(L.Margin+float64(r)*slotH); d >= -1 && d <= 1 {
				return true
			}
		}
		return false
	}
	var first image.Image
	for i, f := range files {
		r, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = img
		}
		b, dark := img.Bounds(), 0
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if !onGrid(x, y) {
					continue
				}
				g, _, _, _ := img.At(x, y).RGBA()
				if g < 0x8000 {
					dark++
				}
				if g0, _, _, _ := first.At(x, y).RGBA(); g != g0 {
					t.Fatalf("page %d differs from page 1 on the grid at (%d, %d)", i+1, x, y)
				}
			}
		}
		if dark < 50 {
			t.Errorf("page %d: %d dark pixels on the grid, want its cut marks", i+1, dark)
		}
	}
}

func TestPDFSameBytes(t *testing.T) {
	cards := testCards(30)
	cards = append(cards, scriptCards()...)
	for _, write := range []func(*bytes.Buffer, []Card, PDFOptions) (Report, error){
		func(w *bytes.Buffer, c []Card, o PDFOptions) (Report, error) { return CheatSheet(w, c, o) },
		func(w *bytes.Buffer, c []Card, o PDFOptions) (Report, error) { return Cards(w, c, o) },
	} {
		var first []byte
		for i := range 4 {
			var buf bytes.Buffer
			if _, err := write(&buf, cards, PDFOptions{Title: "Same", Date: testDate}); err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				first = buf.Bytes()
				for _, want := range []string{"/CreationDate (D:20260105000000)", "/ModDate (D:20260105000000)"} {
					if !bytes.Contains(first, []byte(want)) {
						t.Errorf("PDF lacks %s", want)
					}
				}
				continue
			}
			if !bytes.Equal(buf.Bytes(), first) {
				t.Fatalf("run %d wrote different bytes (%d, first %d)", i+1, buf.Len(), len(first))
			}
		}
	}
}

// TestPDFNeverFailsOnText feeds random characters from every plane, invalid
// UTF-8 and control characters to both layouts: they print, as text or as
// [U+XXXX], and the export never fails or panics.
func TestPDFNeverFailsOnText(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	special := []rune{0, 7, 0x7F, 0xAD, 0x200B, 0x202E, 0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF, 0x10000, 0x1F680, 0x1F1EB, 0xE0001, 0x10FFFF, '\t', '\r', '\n', '*', '`', '\\'}
	var cards []Card
	for i := range 40 {
		var b strings.Builder
		for range 80 {
			switch rng.IntN(4) {
			case 0:
				b.WriteRune(special[rng.IntN(len(special))])
			case 1:
				b.WriteRune(rune(rng.IntN(0x110000)))
			case 2:
				b.WriteString("\xff\xfe\xc3")
			default:
				b.WriteString("word ")
			}
		}
		cards = append(cards, testCard(fmt.Sprint(i), b.String()[:20], "F"+b.String(), "B"+b.String()))
	}
	for _, write := range []func(*bytes.Buffer, []Card, PDFOptions) (Report, error){
		func(w *bytes.Buffer, c []Card, o PDFOptions) (Report, error) { return CheatSheet(w, c, o) },
		func(w *bytes.Buffer, c []Card, o PDFOptions) (Report, error) { return Cards(w, c, o) },
	} {
		var buf bytes.Buffer
		rep, err := write(&buf, cards, PDFOptions{Title: string(special), Date: testDate})
		if err != nil {
			t.Fatalf("export failed: %v", err)
		}
		if len(rep.Missing) == 0 || buf.Len() == 0 {
			t.Errorf("report %+v, %d bytes", rep, buf.Len())
		}
	}
}

func BenchmarkCheatSheet(b *testing.B) {
	for _, n := range []int{1000, 4000} {
		cards := testCards(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				var buf bytes.Buffer
				if _, err := CheatSheet(&buf, cards, PDFOptions{Title: "Bench", Date: testDate}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// The sheet prints a note once: a cloze text filled in, a two-way fact its
// forward way; the cut-out cards print every card: each cloze number with
// [...] on its front, both directions of a two-way fact.
func TestPDFNotes(t *testing.T) {
	d, _, err := deck.Compile("n.md", []byte("# Notes\n\nThe {{c1::kubelet}} runs on every {{c2::node}}.\n\nPod:::The smallest schedulable unit.\n"), deck.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var cards []Card
	for _, c := range d.Cards {
		cards = append(cards, Card{Card: c, Deck: d.Name})
	}
	text := func(write func(io.Writer, []Card, PDFOptions) (Report, error)) string {
		p := filepath.Join(t.TempDir(), "n.pdf")
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := write(f, cards, PDFOptions{Date: testDate}); err != nil {
			t.Fatal(err)
		}
		f.Close()
		out, err := exec.Command(testenv.Tool(t, "pdftotext"), p, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(strings.Fields(string(out)), " ")
	}
	sheet := text(CheatSheet)
	for part, n := range map[string]int{"The kubelet runs on every node.": 1, "[...]": 0, "Pod": 1, "The smallest schedulable unit.": 1} {
		if got := strings.Count(sheet, part); got != n {
			t.Errorf("the sheet has %q %d times, want %d:\n%s", part, got, n, sheet)
		}
	}
	cut := text(Cards)
	for part, n := range map[string]int{"The [...] runs on every node.": 1, "The kubelet runs on every [...].": 1, "Pod": 2, "The smallest schedulable unit.": 2} {
		if got := strings.Count(cut, part); got != n {
			t.Errorf("the cards have %q %d times, want %d:\n%s", part, got, n, cut)
		}
	}
}

// writePNG writes a w × h PNG of one colour, made with image/png.
func writePNG(t *testing.T, path string, w, h int) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 0x80
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// The sheet embeds a card's PNG image, scaled to its column; an image that
// is missing is a warning naming the chapter, the line and the file, and
// the rest prints.
func TestPDFImages(t *testing.T) {
	dir := t.TempDir()
	writePNG(t, filepath.Join(dir, "wide.png"), 2000, 500)
	src := filepath.Join(dir, "ch.md")
	cards := []Card{
		{Card: deck.Card{ID: "img0000001", Kind: deck.KindQA, Front: "What is wide?", Back: "This: ![a wide picture](wide.png)", Line: 3}, Deck: "D", Source: src},
		{Card: deck.Card{ID: "img0000002", Kind: deck.KindQA, Front: "What is lost?", Back: "![gone](gone.png)", Line: 9}, Deck: "D", Source: src},
	}
	fs, err := newFontSet(nil)
	if err != nil {
		t.Fatal(err)
	}
	L, err := layoutSheet(cards, PDFOptions{Columns: 2, Date: testDate}, fs)
	if err != nil {
		t.Fatal(err)
	}
	var pics []picture
	for _, pg := range L.Pages {
		pics = append(pics, pg.Images...)
	}
	if len(pics) != 1 || pics[0].Path != filepath.Join(dir, "wide.png") {
		t.Fatalf("pictures %+v, want the one image", pics)
	}
	col := L.Pages[0].Regions[0]
	if p := pics[0]; math.Abs(p.W-col.W) > 0.01 || math.Abs(p.H-col.W/4) > 0.01 || p.X != col.X {
		t.Errorf("picture at %+v, want it the column's width %.1f, a quarter as high", p, col.W)
	}
	if len(L.images) != 1 || L.images[0] != src+":9: gone.png: no such file" {
		t.Errorf("warnings %q", L.images)
	}
	var b bytes.Buffer
	rep, err := CheatSheet(&b, cards, PDFOptions{Date: testDate})
	if err != nil || len(rep.Images) != 1 {
		t.Fatalf("CheatSheet = %+v, %v", rep, err)
	}
	p := filepath.Join(dir, "out.pdf")
	os.WriteFile(p, b.Bytes(), 0o644)
	out, err := exec.Command(testenv.Tool(t, "pdfimages"), "-list", p).Output()
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(strings.TrimSpace(string(out)), "\n"); len(lines) < 3 || !strings.Contains(lines[2], " image    2000   500 ") {
		t.Errorf("pdfimages -list:\n%s", out)
	}
}
