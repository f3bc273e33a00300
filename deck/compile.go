package deck

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// ErrNoCards is the error Compile wraps when a chapter holds no card.
var ErrNoCards = errors.New("no cards found")

// Options adjusts Compile.
type Options struct {
	// Name names the deck; empty means the name the chapter gives
	// ("COURSE::Chapter N" when the page shows both, else its title, else
	// the file name without its extension).
	Name string
	// Old is an earlier version of the deck (the deck file being replaced,
	// or the deck of the same name in a collection); nil means none. Cards
	// keep the IDs of their counterparts in it, as KeepIDs describes.
	Old *Deck
}

// Warning is a card-like line of a chapter that Compile could not read as a
// card.
type Warning struct {
	Line int    // 1-based line in the chapter
	Msg  string // what was wrong, lower case
	// Note marks a card-like block skipped on purpose (a rhetorical
	// question, a duplicate, a hint): worth a line in a report, not a
	// warning.
	Note bool
}

// Compile finds the cards in a chapter and returns them as a deck with IDs.
//
// path is the chapter's path as the user gave it: its extension picks the
// lowering (.md and .markdown Markdown, .html and .htm HTML, .org Org,
// .adoc AsciiDoc, .rst reStructuredText, anything else a page saved as
// text) and it is the deck's Source. src is the file's content:
// UTF-8, optionally with a byte-order mark, LF or CRLF line ends; text is
// normalized to NFC.
//
// The warnings list card-like lines that were skipped. The error, which
// names path and the line where it can, reports a binary file (a NUL byte in
// the first 8 KiB; one further on is named by its line), invalid UTF-8,
// nesting deeper than MaxDepth, and a chapter in which no card was found.
func Compile(path string, src []byte, opt Options) (*Deck, []Warning, error) {
	return CompileText(path, string(src), opt)
}

// CompileText is Compile of a chapter's content as a string, which it
// holds without a copy when the text is already NFC with LF line ends.
func CompileText(path, src string, opt Options) (*Deck, []Warning, error) {
	text, err := decodeText(path, src)
	if err != nil {
		return nil, nil, err
	}
	p, err := findCards(path, text)
	if err != nil {
		return nil, nil, err
	}
	d := &Deck{Name: opt.Name, Title: strings.TrimSpace(cleanControls(p.title)), Source: path}
	if d.Name == "" {
		d.Name = p.name
	}
	if d.Name == "" {
		d.Name = p.title
	}
	if d.Name == "" {
		base := filepath.Base(path)
		d.Name = strings.TrimSuffix(base, filepath.Ext(base))
	}
	d.Name = strings.TrimSpace(cleanControls(d.Name))
	d.Cards = p.cards[:0] // filtered in place: a long chapter's cards are many
	for _, c := range p.cards {
		c.Front, c.Back = strings.TrimSpace(cleanControls(c.Front)), strings.TrimSpace(cleanControls(c.Back))
		c.Section = cleanControls(c.Section)
		if c.Front == "" || c.Back == "" {
			p.warnings = append(p.warnings, Warning{Line: c.Line, Msg: "card without a front or a back"})
			continue
		}
		d.Cards = append(d.Cards, c)
	}
	clear(p.cards[len(d.Cards):])
	if len(d.Cards) == 0 {
		return nil, p.warnings, fmt.Errorf("%s: %w", path, ErrNoCards)
	}
	d.clean()
	d.assignIDs(opt.Old)
	return d, p.warnings, nil
}

// findCards lowers the text of the chapter at path, by the path's
// extension, and finds its cards.
func findCards(path, text string) (chapter, error) {
	var doc document
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown":
		text, err := checkMarkdown(path, text)
		if err != nil {
			return chapter{}, err
		}
		rest, cards := scanSyntax(text)
		doc = lowerMarkdown(rest)
		doc.blocks = mergeByLine(doc.blocks, cards)
	case ".html", ".htm":
		var err error
		if doc, err = lowerHTML(text); err != nil {
			if strings.Contains(err.Error(), "open stack of elements") {
				return chapter{}, fmt.Errorf("%s: HTML elements nested deeper than the parser allows (512)", path)
			}
			return chapter{}, fmt.Errorf("%s: %v", path, err)
		}
	default:
		rest, cards := scanSyntax(text)
		doc = lowerText(rest, dialectOf(strings.ToLower(filepath.Ext(path))))
		doc.blocks = mergeByLine(doc.blocks, cards)
	}
	return find(doc), nil
}

// chapter is what the finder finds in a chapter.
type chapter struct {
	name     string // deck name the page gives ("COURSE::Chapter N"), or ""
	title    string // chapter title, or ""
	cards    []Card // without IDs
	warnings []Warning
}

// decodeText checks that src is UTF-8 text and returns it without a BOM, with
// LF line ends, in NFC.
func decodeText(path string, src string) (string, error) {
	if i := strings.IndexByte(src, 0); i >= 0 {
		if i < 8<<10 {
			return "", fmt.Errorf("%s: binary file (NUL byte), not a chapter", path)
		}
		return "", fmt.Errorf("%s:%d: NUL byte in the text", path, strings.Count(src[:i], "\n")+1)
	}
	src = strings.TrimPrefix(src, "\uFEFF")
	if !utf8.ValidString(src) {
		line := 1
		for i := 0; i < len(src); {
			r, n := utf8.DecodeRuneInString(src[i:])
			if r == utf8.RuneError && n <= 1 {
				return "", fmt.Errorf("%s:%d: invalid UTF-8", path, line)
			}
			if r == '\n' {
				line++
			}
			i += n
		}
	}
	s := src
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return norm.NFC.String(s), nil
}

func utf8Valid(s string) bool { return utf8.ValidString(s) }
