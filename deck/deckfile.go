package deck

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Magic is the first line of every deck file (a byte-order mark may precede
// it).
const Magic = "<!-- spaced deck 1 -->"

var magicPrefix = []byte("<!-- spaced deck ")

// IsDeckFile reports whether src is a deck file: it starts with Magic, or
// with a later version of it, after an optional byte-order mark. Anything
// else is a chapter.
func IsDeckFile(src []byte) bool {
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	return bytes.HasPrefix(src, magicPrefix)
}

// IsDeckText is IsDeckFile of a string.
func IsDeckText(src string) bool {
	return strings.HasPrefix(strings.TrimPrefix(src, "\uFEFF"), string(magicPrefix))
}

// MarshalJSON encodes the card with "tags" as an array, never null.
func (c Card) MarshalJSON() ([]byte, error) {
	type plain Card
	if c.Tags == nil {
		c.Tags = []string{}
	}
	return json.Marshal(plain(c))
}

// Write writes d as a deck file:
//
//	<!-- spaced deck 1 -->
//	# NAME
//	title: TITLE
//	source: SOURCE
//
//	## SECTION
//
//	### KIND {#ID}
//	tags: TAG TAG
//	FRONT
//	---
//	BACK
//
// A "##" line starts each run of cards of one section (a bare "##" for cards
// without a section); the tags line is left out when a card has none. A text
// line that would read as "---", "##…", "tags:…" or starts with "\" is
// escaped with a leading "\". Write refuses, with an error naming the card,
// a deck that the format cannot hold: a line break in the name, title,
// source, a section or a tag, white space in a tag, an empty front or back,
// an unknown kind or a malformed ID.
func Write(w io.Writer, d *Deck) error {
	for _, f := range []struct{ what, v string }{{"name", d.Name}, {"title", d.Title}, {"source", d.Source}} {
		if strings.ContainsAny(f.v, "\r\n") {
			return fmt.Errorf("deck %s has a line break", f.what)
		}
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s\n# %s\n", Magic, d.Name)
	if d.Title != "" {
		fmt.Fprintf(bw, "title: %s\n", d.Title)
	}
	if d.Source != "" {
		fmt.Fprintf(bw, "source: %s\n", d.Source)
	}
	if d.Reverse {
		bw.WriteString("reverse: yes\n")
	}
	section := ""
	for i := 0; i < len(d.Cards); {
		c := &d.Cards[i]
		if err := checkCard(c); err != nil {
			return err
		}
		n, err := noteSize(d.Cards[i:])
		if err != nil {
			return err
		}
		if i == 0 && c.Section != "" || i > 0 && c.Section != section {
			section = c.Section
			fmt.Fprintf(bw, "\n## %s\n", section)
		}
		fmt.Fprintf(bw, "\n### %s", c.Kind)
		for _, s := range d.Cards[i : i+n] {
			fmt.Fprintf(bw, " {#%s}", s.ID)
		}
		bw.WriteByte('\n')
		if len(c.Tags) > 0 {
			fmt.Fprintf(bw, "tags: %s\n", strings.Join(c.Tags, " "))
		}
		if c.Kind == KindCloze {
			writeText(bw, c.Text)
			bw.WriteString("---\n")
		} else {
			writeText(bw, c.Front)
			bw.WriteString("---\n")
			writeText(bw, c.Back)
		}
		i += n
	}
	return bw.Flush()
}

// noteSize returns how many cards, from the first of cards, make its note:
// a cloze card's note has the cards ClozeCards makes of its text, a two-way
// note its card and the reverse; checking that the deck's cards are those.
func noteSize(cards []Card) (int, error) {
	c := &cards[0]
	if c.Kind == KindCloze {
		want := ClozeCards(c.Text)
		if len(want) == 0 {
			return 0, fmt.Errorf("card %s: a cloze card whose text has no deletion {{c1::…}}", c.ID)
		}
		if len(cards) < len(want) {
			return 0, fmt.Errorf("card %s: its text gives %d cloze cards, the deck has %d", c.ID, len(want), len(cards))
		}
		for k, w := range want {
			g := &cards[k]
			if g.Kind != KindCloze || g.Text != c.Text || g.Cloze != w.Cloze || g.Front != w.Front || g.Back != w.Back || g.Section != c.Section || !slices.Equal(g.Tags, c.Tags) {
				return 0, fmt.Errorf("card %s: not cloze card %d of the text of card %s", g.ID, w.Cloze, c.ID)
			}
		}
		return len(want), nil
	}
	if len(cards) > 1 && cards[1].Reverse && cards[1].Note != "" && cards[1].Note == c.Note {
		r := &cards[1]
		if r.Front != c.Back || r.Back != c.Front || r.Kind != c.Kind || r.Section != c.Section || !slices.Equal(r.Tags, c.Tags) {
			return 0, fmt.Errorf("card %s: not the reverse of card %s", r.ID, c.ID)
		}
		return 2, nil
	}
	if c.Reverse {
		return 0, fmt.Errorf("card %s: a reversed card without its forward card before it", c.ID)
	}
	return 1, nil
}

// checkCard reports why the deck file cannot hold c, or nil.
func checkCard(c *Card) error {
	switch {
	case !ValidID(c.ID):
		return fmt.Errorf("card %q: malformed ID (want %d characters from [0-9a-z])", c.ID, IDLen)
	case !c.Kind.Valid():
		return fmt.Errorf("card %s: unknown kind %q", c.ID, c.Kind)
	case strings.TrimSpace(c.Front) == "":
		return fmt.Errorf("card %s: empty front", c.ID)
	case strings.TrimSpace(c.Back) == "" && c.Kind != KindCloze:
		return fmt.Errorf("card %s: empty back", c.ID)
	case strings.ContainsAny(c.Section, "\r\n"):
		return fmt.Errorf("card %s: section has a line break", c.ID)
	}
	for _, t := range c.Tags {
		if t == "" || strings.ContainsFunc(t, isSpace) {
			return fmt.Errorf("card %s: tag %q is empty or has white space", c.ID, t)
		}
	}
	return nil
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f'
}

// ValidID reports whether id has the form of a card ID.
func ValidID(id string) bool {
	if len(id) != IDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		if !('0' <= id[i] && id[i] <= '9' || 'a' <= id[i] && id[i] <= 'z') {
			return false
		}
	}
	return true
}

// writeText writes s line by line, escaping lines the reader would take for
// structure.
func writeText(bw *bufio.Writer, s string) {
	for line := range strings.SplitSeq(s, "\n") {
		if needsEscape(line) {
			bw.WriteByte('\\')
		}
		bw.WriteString(line)
		bw.WriteByte('\n')
	}
}

func needsEscape(line string) bool {
	return isRule(line) || strings.HasPrefix(line, "##") || strings.HasPrefix(line, "tags:") || strings.HasPrefix(line, "reverse:") || strings.HasPrefix(line, `\`)
}

// isRule reports whether line separates a front from its back.
func isRule(line string) bool { return strings.TrimRight(line, " \t\r") == "---" }

// cardHeading parses a card heading, "### KIND {#ID}" with one ID or more
// (` {#…}` each), and white space at the end: the card's kind, in lower
// case ASCII letters, and its IDs as written, or ok false. A deck file has
// one a card, so it is read by hand, not by a regular expression.
func cardHeading(line string) (kind string, ids []string, ok bool) {
	rest, ok := strings.CutPrefix(line, "### ")
	if !ok {
		return "", nil, false
	}
	n := 0
	for n < len(rest) && 'a' <= rest[n] && rest[n] <= 'z' {
		n++
	}
	kind, rest = rest[:n], rest[n:]
	for {
		after, found := strings.CutPrefix(rest, " {#")
		if !found {
			break
		}
		end := strings.IndexByte(after, '}')
		if end < 0 {
			return "", nil, false
		}
		ids, rest = append(ids, after[:end]), after[end+1:]
	}
	if kind == "" || len(ids) == 0 || strings.Trim(rest, " \t\n\f\r") != "" {
		return "", nil, false
	}
	return kind, ids, true
}

// Read reads a deck file written by Write (and perhaps edited by hand). A
// byte-order mark and CRLF line ends are accepted. Leading and trailing blank
// lines of a front or back are dropped; a card's Line is the line of its
// "###" heading.
//
// Errors name the line ("12: card has no back"): a missing or newer
// version line, a malformed heading, an unknown kind, a malformed or
// repeated ID, a card without "---", an empty front or back, invalid UTF-8.
func Read(r io.Reader) (*Deck, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<30)
	d, err := read(func() (string, bool) {
		if !sc.Scan() {
			return "", false
		}
		return sc.Text(), true
	}, 0)
	if sc.Err() != nil {
		return nil, fmt.Errorf("%d: %w", d.lines+1, sc.Err())
	}
	if err != nil {
		return nil, err
	}
	return d.Deck, nil
}

// lines returns a func that yields the lines of src in turn, as parts of
// src (not copies), each without its line end: the lines a bufio.Scanner
// splitting with bufio.ScanLines would give.
func lines(src string) func() (string, bool) {
	return func() (string, bool) {
		if src == "" {
			return "", false
		}
		line := src
		if i := strings.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = ""
		}
		return strings.TrimSuffix(line, "\r"), true
	}
}

// reading is a deck being read and the lines read so far.
type reading struct {
	*Deck
	lines int
}

// read reads a deck file from the lines next yields (without their line
// ends), with room for n cards made at once.
func read(next func() (string, bool), n int) (reading, error) {
	d := reading{Deck: &Deck{Cards: make([]Card, 0, n)}}
	nextLine := func() (string, bool) {
		l, ok := next()
		if !ok {
			return "", false
		}
		d.lines++
		l = strings.TrimSuffix(l, "\r")
		if d.lines == 1 {
			l = strings.TrimPrefix(l, "\uFEFF")
		}
		return l, true
	}
	first, ok := nextLine()
	if !ok || !strings.HasPrefix(first, string(magicPrefix)) {
		return d, errors.New("1: not a deck file (the first line must be " + Magic + ")")
	}
	if strings.TrimSpace(first) != Magic {
		return d, fmt.Errorf("1: deck file version %q is not one this program reads (it reads %s)", first, Magic)
	}
	var (
		section  string
		card     Card // the card being read, when open
		open     bool
		front    []string
		back     []string
		inBack   bool
		ids      = make(map[string]int, n)
		header   = true
		blockIDs []string // the IDs of the card heading being read
		reverse  bool     // the block's "reverse: yes" line
	)
	finish := func() error {
		if !open {
			return nil
		}
		if !inBack {
			return fmt.Errorf("%d: card %s has no \"---\" line between front and back", card.Line, card.ID)
		}
		start := len(d.Cards)
		if err := noteCards(d.Deck, &card, blockIDs, joinText(front), joinText(back), reverse || d.Reverse); err != nil {
			return err
		}
		for _, c := range d.Cards[start:] {
			if prev, dup := ids[c.ID]; dup && prev != card.Line {
				return fmt.Errorf("%d: card ID %s repeats the card at line %d", card.Line, c.ID, prev)
			}
			ids[c.ID] = card.Line
		}
		// The line buffers are used again: noteCards keeps none of them.
		open, front, back, inBack, blockIDs, reverse = false, front[:0], back[:0], false, blockIDs[:0], false
		return nil
	}
	for {
		line, ok := nextLine()
		if !ok {
			break
		}
		ln := d.lines
		if !utf8Valid(line) {
			return d, fmt.Errorf("%d: invalid UTF-8", ln)
		}
		switch {
		case strings.HasPrefix(line, "##"):
			header = false
			if err := finish(); err != nil {
				return d, err
			}
			if strings.HasPrefix(line, "###") {
				kind, headingIDs, ok := cardHeading(line)
				if !ok {
					return d, fmt.Errorf("%d: malformed card heading %q (want \"### KIND {#ID}\")", ln, line)
				}
				k := Kind(kind)
				if !k.Valid() {
					return d, fmt.Errorf("%d: unknown card kind %q", ln, kind)
				}
				for _, id := range headingIDs {
					if !ValidID(id) {
						return d, fmt.Errorf("%d: malformed card ID %q (want %d characters from [0-9a-z])", ln, id, IDLen)
					}
					if prev, dup := ids[id]; dup {
						return d, fmt.Errorf("%d: card ID %s repeats the card at line %d", ln, id, prev)
					}
					if slices.Contains(blockIDs, id) {
						return d, fmt.Errorf("%d: card ID %s repeats in the heading", ln, id)
					}
					blockIDs = append(blockIDs, id)
				}
				card, open = Card{ID: blockIDs[0], Kind: k, Section: section, Line: ln}, true
				continue
			}
			if line != "##" && !strings.HasPrefix(line, "## ") {
				return d, fmt.Errorf("%d: malformed section heading %q (want \"## SECTION\")", ln, line)
			}
			section = strings.TrimSpace(line[2:])
		case header:
			switch {
			case strings.HasPrefix(line, "# ") || line == "#":
				d.Name = strings.TrimSpace(line[1:])
			case strings.HasPrefix(line, "title:"):
				d.Title = strings.TrimSpace(line[len("title:"):])
			case strings.HasPrefix(line, "source:"):
				d.Source = strings.TrimSpace(line[len("source:"):])
			case strings.TrimSpace(line) == "reverse: yes":
				d.Reverse = true
			case strings.TrimSpace(line) == "":
			default:
				return d, fmt.Errorf("%d: unexpected line %q before the first card (want \"# NAME\", \"title:\", \"source:\" or \"##\")", ln, line)
			}
		case !open:
			if strings.TrimSpace(line) != "" {
				return d, fmt.Errorf("%d: text outside a card (cards start with \"### KIND {#ID}\")", ln)
			}
		case !inBack && isRule(line):
			inBack = true
		case !inBack && len(front) == 0 && !reverse && strings.TrimSpace(line) == "reverse: yes":
			reverse = true
		case !inBack && len(front) == 0 && card.Tags == nil && strings.HasPrefix(line, "tags:"):
			card.Tags = strings.Fields(line[len("tags:"):])
			if len(card.Tags) == 0 {
				card.Tags = nil
			}
		case inBack:
			back = append(back, unescape(line))
		default:
			front = append(front, unescape(line))
		}
	}
	if err := finish(); err != nil {
		return d, err
	}
	d.clean()
	d.linkNotes()
	return d, nil
}

// noteCards appends to d the cards of one "###" block of a deck file: the
// heading's card c (ID, kind, section, tags, line) with its front and
// back; for a cloze card, one card per cloze number of its text (the
// front), which take the heading's IDs in order (a card without one gets
// its derived ID); for a card with two IDs, or with reverse set (a
// "reverse: yes" line in the block or the file's header), the card and its
// reverse.
func noteCards(d *Deck, c *Card, ids []string, front, back string, reverse bool) error {
	front, back = cleanControls(front), cleanControls(back)
	if c.Kind == KindCloze {
		if strings.TrimSpace(back) != "" {
			return fmt.Errorf("%d: cloze card %s: its back is made from its text; leave it empty", c.Line, c.ID)
		}
		cards := ClozeCards(front)
		switch {
		case len(cards) == 0:
			return fmt.Errorf("%d: cloze card %s has no deletion {{c1::…}} in its text", c.Line, c.ID)
		case len(ids) > len(cards):
			return fmt.Errorf("%d: %d IDs for the %d cloze cards of the text", c.Line, len(ids), len(cards))
		}
		for k := range cards {
			g := &cards[k]
			g.Section, g.Tags, g.Line = c.Section, slices.Clone(c.Tags), c.Line
			if k < len(ids) {
				g.ID = ids[k]
			} else {
				g.ID = deriveID(Normalize(d.Name), Normalize(g.Section), identity(g), 0)
			}
		}
		d.Cards = append(d.Cards, cards...)
		return nil
	}
	if strings.TrimSpace(front) == "" {
		return fmt.Errorf("%d: card %s has an empty front", c.Line, c.ID)
	}
	if strings.TrimSpace(back) == "" {
		return fmt.Errorf("%d: card %s has an empty back", c.Line, c.ID)
	}
	c.Front, c.Back = front, back
	if len(ids) == 1 && reverse {
		// A card made two-way by hand: its reversed card gets its own ID.
		rev := Card{Kind: c.Kind, Front: back, Back: front, Section: c.Section}
		ids = append(ids, deriveID(Normalize(d.Name), Normalize(c.Section), identity(&rev)+"\x00reverse", 0))
	}
	switch len(ids) {
	case 1:
		d.Cards = append(d.Cards, *c)
		return nil
	case 2:
		fwd, rev := *c, *c
		fwd.link = noteHead
		rev.ID, rev.Front, rev.Back, rev.Reverse, rev.link = ids[1], back, front, true, sibling
		rev.Tags = slices.Clone(c.Tags)
		d.Cards = append(d.Cards, fwd, rev)
		return nil
	}
	return fmt.Errorf("%d: %d IDs for card %s (a card has one, a two-way card two)", c.Line, len(ids), c.ID)
}

func unescape(line string) string { return strings.TrimPrefix(line, `\`) }

// joinText joins lines, dropping blank lines at both ends.
func joinText(lines []string) string {
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}

// Load returns the deck of the file path holding src: a deck file is read
// as it is, anything else is compiled as a chapter, with its warnings.
// A name that is not empty names the deck.
func Load(path string, src []byte, name string) (*Deck, []Warning, error) {
	return LoadText(path, string(src), name)
}

// LoadText is Load of a file's content as a string.
func LoadText(path, src, name string) (*Deck, []Warning, error) {
	if !IsDeckText(src) {
		return CompileText(path, src, Options{Name: name})
	}
	// Room for a card a heading, which most notes are: a large deck's
	// cards are not copied as they grow.
	r, err := read(lines(src), strings.Count(src, "\n### "))
	if err != nil {
		return nil, nil, fmt.Errorf("%s:%w", path, err)
	}
	d := r.Deck
	if name != "" {
		d.Name = name
	}
	return d, nil, nil
}
