package export

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"spaced/deck"
)

// testCard makes a card of deck "Test::Print".
func testCard(id, section, front, back string) Card {
	return Card{Card: deck.Card{ID: id, Kind: deck.KindQA, Front: front, Back: back, Section: section}, Deck: "Test::Print"}
}

// testCards makes n cards in sections of seven, with answers of varied
// length, markup and characters of several scripts.
func testCards(n int) []Card {
	backs := []string{
		"Short answer.",
		"A *cold start* happens when `Lambda` must create a new execution environment: it downloads the code, starts the runtime and runs the initialisation code outside the handler.",
		"Use **Provisioned Concurrency** for latency-critical paths; keep packages small.\nPrefer Go or Node.js to Java when start-up time matters.",
		"Café, naïve, “curly quotes”, an em dash — and Greek αβγ with Cyrillic Привет.",
		"See https://docs.example.com/lambda/latest/dg/configuration-concurrency.html#provisioned-concurrency-and-more for the details.",
	}
	var cards []Card
	for i := range n {
		cards = append(cards, testCard(fmt.Sprintf("c%04d", i), fmt.Sprintf("Section %d", i/7),
			fmt.Sprintf("Question %d: what does **this** do?", i), backs[i%len(backs)]))
	}
	return cards
}

var testDate = time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)

// checkInside fails the test for any text outside its region or the page
// margins, with room above the baseline for the fonts' ascent and below it
// for their descent.
func checkInside(t *testing.T, L *docLayout, fs *fontSet) {
	t.Helper()
	const eps = 0.01
	asc, desc := fs.extent()
	for p, pg := range L.Pages {
		for _, tx := range pg.Texts {
			top, bottom := tx.Y-asc*tx.Size, tx.Y+desc*tx.Size
			if tx.X < L.Margin-eps || tx.X+tx.W > L.W-L.Margin+eps || top < L.Margin-eps || bottom > L.H-L.Margin+eps {
				t.Errorf("page %d: %q at (%.2f, %.2f) width %.2f leaves the margins", p+1, tx.S, tx.X, tx.Y, tx.W)
			}
			if tx.Region < 0 {
				continue
			}
			b := pg.Regions[tx.Region]
			if tx.X < b.X-eps || tx.X+tx.W > b.X+b.W+eps || top < b.Y-eps || bottom > b.Y+b.H+eps {
				t.Errorf("page %d: %q at (%.2f, %.2f)-(%.2f, %.2f) leaves region %d %+v", p+1, tx.S, tx.X, top, tx.X+tx.W, bottom, tx.Region, b)
			}
		}
	}
}

// pageText joins the texts of a page.
func pageText(pg pageLayout) string {
	var b strings.Builder
	for _, tx := range pg.Texts {
		b.WriteString(tx.S)
		b.WriteByte('|')
	}
	return b.String()
}

func TestSheetLayout(t *testing.T) {
	fs := testFonts(t, false)
	cards := testCards(60)
	for _, paper := range []string{"a4", "letter"} {
		for cols := 1; cols <= 3; cols++ {
			L, err := layoutSheet(cards, PDFOptions{Paper: paper, Columns: cols, Title: "Test — Print", Date: testDate}, fs)
			if err != nil {
				t.Fatal(err)
			}
			checkInside(t, L, fs)
			next := 0 // the card the next block must hold
			for p, pg := range L.Pages {
				if got := len(pg.Regions); got != cols {
					t.Errorf("%s, %d columns: page %d has %d regions", paper, cols, p+1, got)
				}
				text := pageText(pg)
				for _, want := range []string{"Test — Print|", "2026-01-05|", fmt.Sprintf("page %d of %d|", p+1, len(L.Pages))} {
					if !strings.Contains(text, want) {
						t.Errorf("%s, %d columns: page %d lacks %q", paper, cols, p+1, want)
					}
				}
				for _, b := range pg.Blocks {
					if b.Card != next || b.Piece != 1 || b.Pieces != 1 {
						t.Fatalf("%s, %d columns: page %d holds block %+v, want card %d whole", paper, cols, p+1, b, next)
					}
					next++
				}
			}
			if next != len(cards) {
				t.Errorf("%s, %d columns: %d cards placed, want %d", paper, cols, next, len(cards))
			}
		}
	}
}

func TestSheetHeadingsAndStyles(t *testing.T) {
	fs := testFonts(t, false)
	cards := []Card{
		testCard("a", "Compute", "What is *Lambda*?", "A `function` service with **no servers**."),
		testCard("b", "Compute", "Second", "Same section."),
		testCard("c", "Storage", "Third", "New section."),
	}
	L, err := layoutSheet(cards, PDFOptions{Title: "T", Date: testDate}, fs)
	if err != nil {
		t.Fatal(err)
	}
	faces := map[string]face{}
	count := map[string]int{}
	for _, tx := range L.Pages[0].Texts {
		faces[tx.S] = tx.Face
		count[tx.S]++
	}
	for s, want := range map[string]face{
		"Compute": faceBold, "Storage": faceBold, "What is ": faceBold, "Lambda": faceBoldItalic, "?": faceBold,
		"function": faceMono, "no servers": faceBold, "A ": faceRegular,
	} {
		if got, ok := faces[s]; !ok || got != want {
			t.Errorf("%q drawn in face %d (found %v), want %d", s, got, ok, want)
		}
	}
	if count["Compute"] != 1 {
		t.Errorf("heading Compute drawn %d times, want once", count["Compute"])
	}
}

func TestSheetMovesWholeCards(t *testing.T) {
	fs := testFonts(t, false)
	long := strings.Repeat("This answer line is long enough to wrap. ", 12)
	var cards []Card
	for i := range 40 {
		cards = append(cards, testCard(fmt.Sprint(i), "", fmt.Sprintf("Q%d", i), long))
	}
	L, err := layoutSheet(cards, PDFOptions{Columns: 3}, fs)
	if err != nil {
		t.Fatal(err)
	}
	moved := 0
	for _, pg := range L.Pages {
		for _, b := range pg.Blocks {
			if b.Pieces != 1 {
				t.Errorf("card %d split into %d pieces, but it is shorter than a column", b.Card, b.Pieces)
			}
			r := pg.Regions[b.Region]
			if b.Box.Y+b.Box.H > r.Y+r.H+0.01 {
				t.Errorf("card %d runs past its column: %+v in %+v", b.Card, b.Box, r)
			}
			if b.Box.Y == r.Y {
				moved++
			}
		}
	}
	if moved < 3 {
		t.Errorf("only %d cards start a column; want the columns to end early rather than split cards", moved)
	}
	checkInside(t, L, fs)
}

func TestSheetSplitsOnlyCardsTallerThanAColumn(t *testing.T) {
	fs := testFonts(t, false)
	huge := strings.Repeat("A line of a very long answer that will not fit in one column.\n", 150)
	cards := []Card{
		testCard("a", "S", "Small before", "Short."),
		testCard("b", "S", "The huge one", huge),
		testCard("c", "S", "Small after", "Short."),
	}
	L, err := layoutSheet(cards, PDFOptions{Columns: 2}, fs)
	if err != nil {
		t.Fatal(err)
	}
	checkInside(t, L, fs)
	var pieces []placement
	for _, pg := range L.Pages {
		for _, b := range pg.Blocks {
			if b.Card == 1 {
				pieces = append(pieces, b)
			}
		}
	}
	if len(pieces) < 3 {
		t.Fatalf("the huge card is in %d pieces, want at least 3", len(pieces))
	}
	for i, b := range pieces {
		if b.Piece != i+1 || b.Pieces != len(pieces) {
			t.Errorf("piece %d is %+v, want %d of %d", i+1, b, i+1, len(pieces))
		}
	}
	// Every line of the answer is drawn once, in order.
	var got []string
	for _, pg := range L.Pages {
		for _, tx := range pg.Texts {
			if strings.HasPrefix(tx.S, "A line") {
				got = append(got, tx.S)
			}
		}
	}
	if len(got) != 150 {
		t.Errorf("%d answer lines drawn, want 150", len(got))
	}
}

func TestCardsLayout(t *testing.T) {
	fs := testFonts(t, false)
	cards := testCards(21)
	cards[9].Back = strings.Repeat("An answer far too long for one card at seven points. ", 60)
	for _, paper := range []string{"a4", "letter"} {
		L, err := layoutCards(cards, PDFOptions{Paper: paper}, fs)
		if err != nil {
			t.Fatal(err)
		}
		checkInside(t, L, fs)
		if len(L.Pages)%2 != 0 {
			t.Fatalf("%d pages, want fronts and backs in pairs", len(L.Pages))
		}
		type slot struct{ page, region, piece, pieces int }
		fronts, backs := map[[2]int]slot{}, map[[2]int]slot{}
		for p, pg := range L.Pages {
			if pg.Back != (p%2 == 1) {
				t.Errorf("page %d: Back = %v", p+1, pg.Back)
			}
			if len(pg.Regions) != 8 {
				t.Errorf("page %d has %d slots, want 8", p+1, len(pg.Regions))
			}
			for _, b := range pg.Blocks {
				m := fronts
				if pg.Back {
					m = backs
				}
				m[[2]int{b.Card, b.Piece}] = slot{p, b.Region, b.Piece, b.Pieces}
			}
			for _, tx := range pg.Texts {
				if tx.Size < cardMinSize {
					t.Errorf("page %d: %q at %.1f pt, below %d pt", p+1, tx.S, tx.Size, cardMinSize)
				}
			}
		}
		for key, f := range fronts {
			b, ok := backs[key]
			if !ok {
				t.Errorf("card %d piece %d has no back", key[0], key[1])
				continue
			}
			r, c := f.region/2, f.region%2
			if b.page != f.page+1 || b.region != r*2+(1-c) {
				t.Errorf("card %d: front on page %d row %d column %d, back on page %d slot %d; want page %d row %d column %d",
					key[0], f.page+1, r, c, b.page+1, b.region, f.page+2, r, 1-c)
			}
		}
		if len(fronts) != len(backs) {
			t.Errorf("%d fronts, %d backs", len(fronts), len(backs))
		}
		long := fronts[[2]int{9, 1}]
		if long.pieces < 2 {
			t.Fatalf("the long card has %d pieces, want at least 2", long.pieces)
		}
		for k := 1; k <= long.pieces; k++ {
			f, b := fronts[[2]int{9, k}], backs[[2]int{9, k}]
			mark := fmt.Sprintf("(%d/%d)|", k, long.pieces)
			for _, s := range []slot{f, b} {
				var in strings.Builder
				for _, tx := range L.Pages[s.page].Texts {
					if tx.Region == s.region {
						in.WriteString(tx.S + "|")
					}
				}
				if !strings.Contains(in.String(), mark) {
					t.Errorf("piece %d of the long card, page %d slot %d, lacks %q: %s", k, s.page+1, s.region, mark, in.String())
				}
			}
			if k > 1 {
				prev := fronts[[2]int{9, k - 1}]
				if f.page*8+f.region != prev.page*8+prev.region+1 && !(f.region == 0 && prev.region == 7 && f.page == prev.page+2) {
					t.Errorf("piece %d of the long card is not in the slot after piece %d", k, k-1)
				}
			}
		}
	}
}

func TestCardsSizeToFit(t *testing.T) {
	fs := testFonts(t, false)
	short := testCard("a", "", "Short?", "Yes.")
	long := testCard("b", "", "A much longer question "+strings.Repeat("that goes on ", 20)+"?", strings.Repeat("words ", 300))
	L, err := layoutCards([]Card{short, long}, PDFOptions{}, fs)
	if err != nil {
		t.Fatal(err)
	}
	size := map[string]float64{}
	for _, pg := range L.Pages {
		for _, tx := range pg.Texts {
			if tx.Region >= 0 {
				size[fmt.Sprintf("%v %s", pg.Back, tx.S[:min(5, len(tx.S))])] = tx.Size
			}
		}
	}
	if got := size["false Short"]; got != cardFrontMax {
		t.Errorf("short front at %.1f pt, want %d", got, cardFrontMax)
	}
	if got := size["true words"]; got >= cardBackMax || got < cardMinSize {
		t.Errorf("long back at %.1f pt, want smaller than %d and at least %d", got, cardBackMax, cardMinSize)
	}
}

func TestLayoutRefuses(t *testing.T) {
	fs := testFonts(t, false)
	for _, tc := range []struct {
		cards []Card
		opt   PDFOptions
		want  string
	}{
		{nil, PDFOptions{}, "no cards"},
		{testCards(1), PDFOptions{Paper: "a3"}, "unknown paper"},
		{testCards(1), PDFOptions{Columns: 4}, "columns"},
	} {
		if _, err := layoutSheet(tc.cards, tc.opt, fs); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("layoutSheet(%d cards, %+v) = %v, want an error with %q", len(tc.cards), tc.opt, err, tc.want)
		}
	}
	if _, err := layoutCards(nil, PDFOptions{}, fs); err == nil {
		t.Errorf("layoutCards(no cards) succeeded")
	}
}

func TestMissingInTitleOnly(t *testing.T) {
	var buf strings.Builder
	rep, err := CheatSheet(&buf, testCards(2), PDFOptions{Title: "Deck ✓"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprintf("%+v %d", rep.Missing, rep.Cards), "[{Rune:10003 Cards:0}] 0"; got != want {
		t.Errorf("missing = %s, want %s", got, want)
	}
}

// FuzzLayout lays out a card of any text in both layouts: no panic, no
// glyph lost, nothing outside its region.
func FuzzLayout(f *testing.F) {
	f.Add("What is *Lambda*?", "A `function` service — **no servers**. ✓🚀 日本語", 2)
	f.Add("", "\n\n\n", 1)
	f.Add("**", "`", 3)
	f.Add(strings.Repeat("x", 3000), strings.Repeat("word ", 2000), 2)
	f.Add("\xff\xfe", "\U0010FFFF\u0000\t\r", 1)
	fs := testFontsFuzz(f)
	f.Fuzz(func(t *testing.T, front, back string, cols int) {
		cards := []Card{testCard("a", front, front, back), testCard("b", "", back, front)}
		sheet, err := layoutSheet(cards, PDFOptions{Columns: 1 + abs(cols)%3, Title: front}, fs)
		if err != nil {
			t.Fatal(err)
		}
		checkInside(t, sheet, fs)
		cardsL, err := layoutCards(cards, PDFOptions{}, fs)
		if err != nil {
			t.Fatal(err)
		}
		checkInside(t, cardsL, fs)
		// Every character of the first back prints, in order, in the slots
		// of its card (less the gray label and (k/n) marks).
		var drawn strings.Builder
		for _, pg := range cardsL.Pages {
			if !pg.Back {
				continue
			}
			mine := map[int]bool{}
			for _, b := range pg.Blocks {
				mine[b.Region] = b.Card == 0
			}
			for _, tx := range pg.Texts {
				if tx.Region >= 0 && mine[tx.Region] && tx.Gray == 0 {
					drawn.WriteString(tx.S)
				}
			}
		}
		want := squeezeText(plainText(fs, back))
		if got := squeezeText(drawn.String()); !strings.HasPrefix(got, want) {
			t.Errorf("card back drew %q, want %q", got, want)
		}
	})
}

func testFontsFuzz(f *testing.F) *fontSet {
	fs, err := newFontSet(nil)
	if err != nil {
		f.Fatal(err)
	}
	return fs
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// squeezeText drops white space.
func squeezeText(s string) string { return strings.Join(strings.Fields(s), "") }
