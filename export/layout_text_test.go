package export

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"spaced/internal/testenv"
)

// droidFallback is Debian's CJK fallback font (package fonts-droid-fallback).
const droidFallback = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"

// testFonts returns the built-in fonts, with the CJK fallback font added
// when cjk is true (skipping the test without it locally, failing in CI).
func testFonts(t testing.TB, cjk bool) *fontSet {
	t.Helper()
	var extra *Font
	if cjk {
		extra = droidFont(t)
	}
	fs, err := newFontSet(extra)
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func droidFont(t testing.TB) *Font {
	t.Helper()
	data, err := os.ReadFile(droidFallback)
	if err != nil {
		testenv.Missing(t, droidFallback+" (fonts-droid-fallback)")
	}
	f, err := ParseFont(data)
	if err != nil {
		t.Fatalf("ParseFont(%s): %v", droidFallback, err)
	}
	return f
}

func TestParseMarkup(t *testing.T) {
	type sp = span
	for _, tc := range []struct {
		in   string
		base face
		want []span
	}{
		{"plain", faceRegular, []sp{{faceRegular, "plain"}}},
		{"a *b* c", faceRegular, []sp{{faceRegular, "a "}, {faceItalic, "b"}, {faceRegular, " c"}}},
		{"**Lambda** runs", faceRegular, []sp{{faceBold, "Lambda"}, {faceRegular, " runs"}}},
		{"call `ctx.Done()` now", faceRegular, []sp{{faceRegular, "call "}, {faceMono, "ctx.Done()"}, {faceRegular, " now"}}},
		{"`*not em*`", faceRegular, []sp{{faceMono, "*not em*"}}},
		{"5 * 3 * 2", faceRegular, []sp{{faceRegular, "5 * 3 * 2"}}},
		{"a*b", faceRegular, []sp{{faceRegular, "a*b"}}},
		{"**", faceRegular, []sp{{faceRegular, "**"}}},
		{`\*x\* and \` + "`", faceRegular, []sp{{faceRegular, "*x* and `"}}},
		{"***both***", faceRegular, []sp{{faceBoldItalic, "both"}}},
		{"Q with *em* and `code`", faceBold, []sp{{faceBold, "Q with "}, {faceBoldItalic, "em"}, {faceBold, " and "}, {faceMonoBold, "code"}}},
		{"**strong** in bold", faceBold, []sp{{faceBold, "strong in bold"}}},
		{"line\nbreak", faceRegular, []sp{{faceRegular, "line\nbreak"}}},
		{"unclosed `tick", faceRegular, []sp{{faceRegular, "unclosed `tick"}}},
	} {
		got := parseMarkup(tc.in, tc.base)
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("parseMarkup(%q, %d) = %v, want %v", tc.in, tc.base, got, tc.want)
		}
	}
}

func TestGlyphsMarkMissingCharacters(t *testing.T) {
	fs := testFonts(t, false)
	var ms missingSet
	gs := fs.glyphs(parseMarkup("ok ✓ “q” — é αβ Жж 🚀 日\x07 zero\u200bwidth\u00adsoft\ufeff", faceRegular), &ms, 3)
	var b strings.Builder
	for _, g := range gs {
		b.WriteString(g.s)
		if strings.HasPrefix(g.s, "[U+") && g.f != faceMono {
			t.Errorf("%s drawn in face %d, want mono", g.s, g.f)
		}
	}
	if got, want := b.String(), "ok [U+2713] “q” — é αβ Жж [U+1F680] [U+65E5][U+0007] zerowidthsoft"; got != want {
		t.Errorf("glyphs = %q, want %q", got, want)
	}
	var rep Report
	ms.report(&rep)
	if got, want := fmt.Sprint(rep.Missing), "[{7 1} {10003 1} {26085 1} {128640 1}]"; got != want {
		t.Errorf("missing = %s, want %s", got, want)
	}
	if rep.Cards != 1 {
		t.Errorf("cards with missing characters = %d, want 1", rep.Cards)
	}
}

func TestGlyphsUseAddedFont(t *testing.T) {
	fs := testFonts(t, true)
	var ms missingSet
	gs := fs.glyphs(parseMarkup("日本語 ✓ 🚀", faceBold), &ms, 0)
	if gs[0].f != faceExtra || gs[0].s != "日" || !gs[0].bold {
		t.Errorf("first glyph %+v, want 日 in the added font, made bold", gs[0])
	}
	if plain := fs.glyphs(parseMarkup("日本語", faceRegular), nil, 0); plain[0].bold {
		t.Errorf("plain text in the added font made bold")
	}
	var rep Report
	ms.report(&rep)
	for _, m := range rep.Missing {
		if m.Rune == '日' || m.Rune == '本' {
			t.Errorf("%c reported missing with the added font", m.Rune)
		}
	}
	// Beyond U+FFFF is never drawn from a font: the PDF library cannot.
	if !strings.Contains(fmt.Sprint(rep.Missing), "128640") {
		t.Errorf("missing = %v, want U+1F680 among them", rep.Missing)
	}
}

// lineTexts returns the text of each line as breakLines broke it, with
// hanging spaces dropped.
func lineTexts(gs []glyph, lines []textLine) []string {
	var out []string
	for _, l := range lines {
		var b strings.Builder
		for _, g := range gs[l.a:l.b] {
			b.WriteString(g.s)
		}
		out = append(out, strings.TrimRight(b.String(), " "))
	}
	return out
}

func TestBreakLines(t *testing.T) {
	fs := testFonts(t, false)
	// In the mono face every character is as wide as another.
	em := func(s string) int32 {
		var w int32
		for _, g := range fs.glyphs([]span{{faceMono, s}}, nil, 0) {
			w += g.w
		}
		return w
	}
	for _, tc := range []struct {
		in    string
		width string // a string as wide as the line
		want  []string
	}{
		{"one two three", "one two three", []string{"one two three"}},
		{"one two three", "one two thre", []string{"one two", "three"}},
		{"one\ntwo", "one two three", []string{"one", "two"}},
		{"one\n\ntwo\n", "one two three", []string{"one", "", "two"}},
		{"well-known fact", "well-kno", []string{"well-", "known", "fact"}},
		{"see https://example.com/a/b/c/d", "https://example.c", []string{"see", "https://example.", "com/a/b/c/d"}},
		{"Supercalifragilistic", "Superca", []string{"Superca", "lifragi", "listic"}},
		{"spaces   between", "between", []string{"spaces", "between"}},
		{"a  b", "a b", []string{"a", "b"}},
	} {
		gs := fs.glyphs([]span{{faceMono, tc.in}}, nil, 0)
		got := lineTexts(gs, breakLines(gs, em(tc.width)))
		if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tc.want) {
			t.Errorf("breakLines(%q, width of %q) = %q, want %q", tc.in, tc.width, got, tc.want)
		}
	}
}

func TestBreakLinesCJK(t *testing.T) {
	fs := testFonts(t, true)
	const text = "日本語のテキストは、空白なしで書かれます。「括弧」も正しく扱います。"
	gs := fs.glyphs([]span{{faceRegular, text}}, nil, 0)
	one := gs[0].w
	for n := 2; n <= 12; n++ {
		lines := breakLines(gs, one*int32(n))
		got := lineTexts(gs, lines)
		if strings.Join(got, "") != text {
			t.Fatalf("breakLines at %d characters lost text: %q", n, got)
		}
		for i, l := range got {
			if utf8.RuneCountInString(l) > n {
				t.Errorf("width %d: line %q is too long", n, l)
			}
			first, _ := utf8.DecodeRuneInString(l)
			if i > 0 && strings.ContainsRune("、。」", first) {
				t.Errorf("width %d: line %d starts with %q", n, i, first)
			}
			last, _ := utf8.DecodeLastRuneInString(l)
			if i < len(got)-1 && last == '「' {
				t.Errorf("width %d: line %d ends with 「", n, i)
			}
		}
	}
}

// TestBreakLinesLosesNothing breaks mixed text at many widths: every glyph
// that is not a hanging space is on exactly one line, in order, and no line
// is wider than the width unless it holds a single glyph.
func TestBreakLinesLosesNothing(t *testing.T) {
	fs := testFonts(t, false)
	text := "Lambda — “cold starts” take 1–2 s; see https://docs.example.com/lambda/latest/dg/foo_bar?x=1&y=2 " +
		"and αβγ δ, Привет мир. 日本語テキスト✓🚀 averyveryveryveryveryveryveryverylongwordwithoutanybreak\nnext line"
	gs := fs.glyphs(parseMarkup(text, faceRegular), nil, 0)
	var want strings.Builder
	for _, g := range gs {
		if !g.space && !g.hard {
			want.WriteString(g.s)
		}
	}
	for max := int32(300); max < 40000; max = max*5/4 + 1 {
		lines := breakLines(gs, max)
		var got strings.Builder
		for _, l := range lines {
			var w int32
			n := 0
			for _, g := range gs[l.a:l.b] {
				if !g.space && !g.hard {
					got.WriteString(g.s)
					w += g.w
					n++
				}
			}
			if w > max && n > 1 {
				t.Errorf("width %d: line %q is %d wide", max, lineTexts(gs, []textLine{l}), w)
			}
		}
		if got.String() != want.String() {
			t.Fatalf("width %d: lines hold %q, want %q", max, got.String(), want.String())
		}
	}
}
