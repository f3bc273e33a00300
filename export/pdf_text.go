package export

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"unicode"
)

// MaxFontSize is the largest font file ReadFont reads, in bytes.
const MaxFontSize = 64 << 20

// FontError is a font file whose content is no usable TrueType font.
type FontError struct {
	Path string
	Err  error
}

func (e *FontError) Error() string { return "--font " + e.Path + ": " + e.Err.Error() }
func (e *FontError) Unwrap() error { return e.Err }

// ReadFont reads and checks the font file at path, given with --font;
// its errors name the flag.
func ReadFont(path string) (*Font, error) {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("--font %s: no such file", path)
	case err != nil:
		return nil, fmt.Errorf("--font %s: %w", path, err)
	case st.IsDir():
		return nil, fmt.Errorf("--font %s: is a directory, not a font file", path)
	case st.Size() > MaxFontSize:
		return nil, fmt.Errorf("--font %s: file is larger than %d MiB", path, MaxFontSize>>20)
	}
	// A device such as /dev/zero has no size: read at most one byte past
	// the limit.
	f0, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--font %s: %w", path, err)
	}
	defer f0.Close()
	data, err := io.ReadAll(io.LimitReader(f0, MaxFontSize+1))
	switch {
	case err != nil:
		return nil, fmt.Errorf("--font %s: %w", path, err)
	case len(data) > MaxFontSize:
		return nil, fmt.Errorf("--font %s: file is larger than %d MiB", path, MaxFontSize>>20)
	}
	f, err := ParseFont(data)
	if err != nil {
		return nil, &FontError{Path: path, Err: err}
	}
	return f, nil
}

// Title names what a PDF of cards prints: the deck, or the decks, of the cards.
func Title(cards []Card, weak bool) string {
	var names []string
	seen := map[string]bool{}
	for _, c := range cards {
		if !seen[c.Deck] {
			seen[c.Deck] = true
			names = append(names, strings.ReplaceAll(c.Deck, "::", " — "))
		}
	}
	title := strings.Join(names, ", ")
	if len(names) > 3 {
		title = fmt.Sprintf("%s, %s and %d more decks", names[0], names[1], len(names)-2)
	}
	if weak {
		title = "Weak cards: " + title
	}
	return title
}

// maxListed is how many missing characters the warning names.
const maxListed = 20

// Warning words the warning for the characters no font covered:
// "no glyph for ✓ (U+2713), 🚀 (U+1F680) in 3 cards; use --font FILE.ttf".
func (rep Report) Warning() string {
	var b strings.Builder
	b.WriteString("no glyph for ")
	for i, m := range rep.Missing {
		if i == maxListed {
			fmt.Fprintf(&b, " and %d more", len(rep.Missing)-maxListed)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		if unicode.IsPrint(m.Rune) {
			fmt.Fprintf(&b, "%c (U+%04X)", m.Rune, m.Rune)
		} else {
			fmt.Fprintf(&b, "U+%04X", m.Rune)
		}
	}
	noun := "cards"
	if rep.Cards == 1 {
		noun = "card"
	}
	fmt.Fprintf(&b, " in %d %s; use --font FILE.ttf", rep.Cards, noun)
	return b.String()
}
