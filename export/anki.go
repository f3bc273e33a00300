package export

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"spaced/deck"
)

// The notetypes AnkiCSV names when AnkiOptions.Notetype is empty. They are
// the English names of Anki's stock notetypes; a non-English Anki may call
// them otherwise.
const (
	AnkiBasic         = "Basic"
	AnkiBasicReversed = "Basic (and reversed card)"
	AnkiCloze         = "Cloze"
)

// AnkiOptions adjusts AnkiCSV. The zero value writes every note as a Basic
// note in its card's own deck.
type AnkiOptions struct {
	// Deck, when not empty, is the Anki deck of every note ("::" separates
	// a parent deck from its child); empty keeps each card's Deck.
	Deck string
	// Notetype names the Anki notetype of every note; empty means
	// AnkiBasic, or AnkiBasicReversed when Reverse is set.
	Notetype string
	// Reverse asks for a second card per note, back to front: it makes the
	// default notetype AnkiBasicReversed.
	Reverse bool
	// Media, when not nil, names the file in Anki's media folder of image
	// path (as the markup of card c gives it), for its <img src>; nil
	// writes the path's base name.
	Media func(c *Card, path string) string
}

// notetype returns the notetype the file names.
func (o AnkiOptions) notetype() string {
	switch {
	case o.Notetype != "":
		return o.Notetype
	case o.Reverse:
		return AnkiBasicReversed
	}
	return AnkiBasic
}

// Validate reports why Anki could not use the options' deck or notetype
// name, or nil: a name with a line break or other control character, white
// space at either end (Anki looks the raw value up), and a deck name made
// only of digits (Anki reads it as a deck ID).
func (o AnkiOptions) Validate() error {
	if o.Deck != "" {
		if err := checkDeckName(o.Deck); err != nil {
			return err
		}
	}
	if o.Notetype != "" {
		if err := checkName(o.Notetype); err != nil {
			return fmt.Errorf("notetype %q: %w", o.Notetype, err)
		}
	}
	return nil
}

// checkName reports why a deck or notetype name cannot go into the file.
func checkName(s string) error {
	switch {
	case strings.TrimSpace(s) == "":
		return errors.New("name is empty")
	case strings.ContainsFunc(s, unicode.IsControl):
		return errors.New("name has a line break or other control character")
	case strings.TrimSpace(s) != s:
		return errors.New("name starts or ends with white space")
	case !utf8.ValidString(s):
		return errors.New("name is not valid UTF-8")
	}
	return nil
}

// checkDeckName is checkName for the deck column, which Anki also reads as a
// deck ID when it is an integer.
func checkDeckName(s string) error {
	if err := checkName(s); err != nil {
		return fmt.Errorf("deck %q: %w", s, err)
	}
	if isInteger(s) {
		return fmt.Errorf("deck %q: Anki reads a deck name made of digits as a deck ID", s)
	}
	return nil
}

// isInteger reports whether s reads as a signed decimal integer.
func isInteger(s string) bool {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "+"), "-")
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// AnkiCSV writes cards as a text file that Anki (2.1.55 and later) imports
// with File → Import, one note per card, in the order given.
//
// The file is UTF-8 without a byte-order mark, with LF line ends. It starts
// with this header block (the notetype as AnkiOptions says):
//
//	#separator:Comma
//	#html:true
//	#notetype:Basic
//	#guid column:1
//	#deck column:2
//	#tags column:5
//	#if matches:update current
//
// and has one row per card, five fields: guid,deck,front,back,tags. The GUID
// is the card ID, so importing the file again updates the notes in place.
// The deck is the card's Deck (or AnkiOptions.Deck). Front and back are HTML:
// "&", "<" and ">" escaped, line breaks as <br>, and the card's Markdown
// subset rendered as AnkiHTML describes. Tags are the card's own, then
// "section::SLUG" for its section (see SectionTag) and "leech" when the card
// is flagged one, separated by spaces, each once (ignoring case). A field
// that contains "#", a comma, a double quote or a line break is quoted, with
// quotes doubled: Anki drops any unquoted record that starts with "#".
//
// Nothing is written when the options or a card cannot make a usable file:
// AnkiCSV first checks them all and returns an error naming the card (a
// malformed or repeated ID, a blank front, text that is not UTF-8, a tag with
// white space, a deck name Anki cannot use). Rows are then streamed through a
// buffer, so memory does not grow with the output; an error from w is
// returned as it is.
func AnkiCSV(w io.Writer, cards []Card, opt AnkiOptions) error {
	if err := opt.Validate(); err != nil {
		return err
	}
	if err := checkAnkiCards(cards, opt); err != nil {
		return err
	}
	aw := ankiWriter{w: bufio.NewWriterSize(w, 64<<10), media: opt.Media}
	if !hasNotes(cards) {
		aw.w.WriteString("#separator:Comma\n#html:true\n#notetype:")
		aw.w.WriteString(opt.notetype())
		aw.w.WriteString("\n#guid column:1\n#deck column:2\n#tags column:5\n#if matches:update current\n")
		for i := range cards {
			if err := aw.row(&cards[i], opt.Deck, ""); err != nil {
				return err
			}
		}
		return aw.w.Flush()
	}
	// Notes of several cards: a notetype column, and a row per note.
	aw.w.WriteString("#separator:Comma\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n#if matches:update current\n")
	for _, n := range noteRows(cards) {
		c := n.card
		notetype := opt.notetype()
		switch {
		case c.Kind == deck.KindCloze:
			notetype = AnkiCloze
		case n.twoWay && opt.Notetype == "":
			notetype = AnkiBasicReversed
		}
		if err := aw.row(&c, opt.Deck, notetype); err != nil {
			return err
		}
	}
	return aw.w.Flush()
}

// checkAnkiCards reports the first card AnkiCSV cannot write, or nil.
func checkAnkiCards(cards []Card, opt AnkiOptions) error {
	var aw ankiWriter
	lastDeck := "\x00"
	for i := range cards {
		c := &cards[i]
		if !deck.ValidID(c.ID) {
			return fmt.Errorf("card %q: malformed ID (want %d characters from [0-9a-z])", c.ID, deck.IDLen)
		}
		for _, f := range []struct{ what, s string }{{"front", c.Front}, {"back", c.Back}, {"section", c.Section}} {
			if !utf8.ValidString(f.s) {
				return fmt.Errorf("card %s: %s is not valid UTF-8", c.ID, f.what)
			}
		}
		if !aw.visible(c.Front) {
			return fmt.Errorf("card %s: empty front", c.ID)
		}
		for _, t := range c.Tags {
			if t == "" || strings.ContainsFunc(t, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) || !utf8.ValidString(t) {
				return fmt.Errorf("card %s: tag %q is empty or has white space", c.ID, t)
			}
		}
		if opt.Deck == "" && c.Deck != lastDeck {
			if err := checkDeckName(c.Deck); err != nil {
				return fmt.Errorf("card %s: %w", c.ID, err)
			}
			lastDeck = c.Deck
		}
	}
	return checkUniqueIDs(cards)
}

// checkUniqueIDs reports a card ID that appears twice: Anki would keep one
// note of the two.
func checkUniqueIDs(cards []Card) error {
	ids := make([]string, len(cards))
	for i := range cards {
		ids[i] = cards[i].ID
	}
	slices.Sort(ids)
	for i := 1; i < len(ids); i++ {
		if ids[i] != ids[i-1] {
			continue
		}
		first := slices.IndexFunc(cards, func(c Card) bool { return c.ID == ids[i] })
		return fmt.Errorf("card %s: ID repeats card %d of %d (the same card given twice?); Anki would keep only one of them", ids[i], first+1, len(cards))
	}
	return nil
}

// visible reports whether the HTML of card text s shows anything: some
// character other than white space and control characters outside the
// Markdown markers.
func (aw *ankiWriter) visible(s string) bool {
	if !strings.ContainsAny(s, "*`") {
		return !blank(s)
	}
	for _, sp := range aw.marks.Read(s) {
		if !blank(sp.Text) {
			return true
		}
	}
	return false
}

// blank reports whether s has nothing but white space and control characters,
// which Anki removes.
func blank(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) && !unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// ankiWriter writes the rows of one file, reusing its buffers from row to row.
type ankiWriter struct {
	w       *bufio.Writer
	media   func(c *Card, path string) string // AnkiOptions.Media
	card    *Card                             // the card being written
	marks   deck.MarkupReader
	field   []byte   // the field being written
	section string   // the section whose tag is in secTag
	secTag  string   // "section::SLUG" for section, or ""
	tags    []string // the tags of the row
	secOK   bool     // secTag holds the tag of section
}

// row writes one card's row; with a notetype, the row of a file with a
// notetype column.
func (aw *ankiWriter) row(c *Card, deckName, notetype string) error {
	aw.card = c
	if deckName == "" {
		deckName = c.Deck
	}
	guid := c.ID
	if c.GUID != "" {
		guid = c.GUID // a note made in Anki
	}
	aw.field = append(aw.field[:0], guid...)
	aw.writeField(aw.field)
	aw.w.WriteByte(',')
	if notetype != "" {
		aw.field = append(aw.field[:0], notetype...)
		aw.writeField(aw.field)
		aw.w.WriteByte(',')
	}
	aw.field = appendPlain(aw.field[:0], deckName)
	aw.writeField(aw.field)
	aw.w.WriteByte(',')
	aw.field = aw.appendHTML(aw.field[:0], c.Front)
	aw.writeField(aw.field)
	aw.w.WriteByte(',')
	aw.field = aw.appendHTML(aw.field[:0], c.Back)
	aw.writeField(aw.field)
	aw.w.WriteByte(',')
	aw.field = aw.appendTags(aw.field[:0], c)
	aw.writeField(aw.field)
	return aw.w.WriteByte('\n')
}

// hasNotes reports whether cards holds a card of a note of several cards
// or a cloze card.
func hasNotes(cards []Card) bool {
	for i := range cards {
		if cards[i].Note != "" || cards[i].Kind == deck.KindCloze {
			return true
		}
	}
	return false
}

// noteRow is one note of an export: the card its row is written from
// (ID the note's, front and back the note's fields) and whether it is
// two-way.
type noteRow struct {
	card   Card
	twoWay bool
}

// noteRows returns the notes of cards, each once, in the order of their
// first card: a cloze note with its text (in Anki's cloze syntax) as the
// front and no back, a two-way note as its forward card (a reversed card
// given alone gives its note back the right way round), any other card as
// it is. A note's ID is its first card's.
func noteRows(cards []Card) []noteRow {
	out := make([]noteRow, 0, len(cards))
	seen := make(map[string]bool, len(cards))
	for i := range cards {
		c := &cards[i]
		note := c.Note
		if note == "" {
			note = c.ID
		}
		if seen[note] {
			continue
		}
		seen[note] = true
		out = append(out, noteRowOf(c))
	}
	return out
}

// noteRowOf returns the row of the note whose first card is c.
func noteRowOf(c *Card) noteRow {
	n := noteRow{card: *c, twoWay: c.Note != "" && c.Kind != deck.KindCloze}
	if c.Note != "" {
		n.card.ID = c.Note
	}
	switch {
	case c.Kind == deck.KindCloze:
		n.card.Front, n.card.Back = c.Text, ""
	case c.Reverse:
		n.card.Front, n.card.Back = c.Back, c.Front
	}
	return n
}

// writeField writes f, quoted when Anki's reader needs it to be.
func (aw *ankiWriter) writeField(f []byte) {
	quote := false
	for _, b := range f {
		if needsQuote[b] {
			quote = true
			break
		}
	}
	if !quote {
		aw.w.Write(f)
		return
	}
	aw.w.WriteByte('"')
	for {
		i := bytes.IndexByte(f, '"')
		if i < 0 {
			aw.w.Write(f)
			break
		}
		aw.w.Write(f[:i+1])
		aw.w.WriteByte('"')
		f = f[i+1:]
	}
	aw.w.WriteByte('"')
}

// needsQuote marks the bytes that make AnkiCSV quote a field.
var needsQuote = [256]bool{'#': true, ',': true, '"': true, '\n': true, '\r': true}

// appendTags appends the tags column of c: its own tags, its section's tag
// and "leech", each once, separated by spaces.
func (aw *ankiWriter) appendTags(dst []byte, c *Card) []byte {
	if !aw.secOK || c.Section != aw.section {
		aw.section, aw.secTag, aw.secOK = c.Section, SectionTag(c.Section), true
	}
	aw.tags = append(aw.tags[:0], c.Tags...)
	if aw.secTag != "" {
		aw.tags = append(aw.tags, aw.secTag)
	}
	if c.Leech {
		aw.tags = append(aw.tags, "leech")
	}
	n := 0
outer:
	for i, t := range aw.tags {
		for _, u := range aw.tags[:i] {
			if strings.EqualFold(t, u) {
				continue outer
			}
		}
		if n > 0 {
			dst = append(dst, ' ')
		}
		dst = appendPlain(dst, t)
		n++
	}
	return dst
}

// AnkiDeckName returns a deck name as a package or the CSV file writes it
// (see appendPlain).
func AnkiDeckName(s string) string { return string(appendPlain(nil, s)) }

// appendPlain appends a deck name or a tag without "<", ">", "{", "}", "[",
// "]" and "\\": Anki puts both into card templates ({{Deck}}, {{Tags}})
// without escaping them, where HTML, a template field, "[sound:…]" and
// MathJax would run, and shows deck names as plain text, so they can hold
// no entity either.
func appendPlain(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '<', '>', '{', '}', '[', ']', '\\':
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// SectionTag returns the Anki tag for cards of a section: "section::" and
// the section's slug, its letters and digits in lower case with every other
// run of characters made one hyphen ("Part 1: Core Questions" gives
// "section::part-1-core-questions"). It returns "" for a section without a
// letter or digit.
func SectionTag(section string) string {
	var b strings.Builder
	b.Grow(len("section::") + len(section))
	b.WriteString("section::")
	start := b.Len()
	hyphen := false
	for _, r := range section {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || (unicode.IsMark(r) && b.Len() > start) {
			if hyphen && b.Len() > start {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		hyphen = true
	}
	if b.Len() == start {
		return ""
	}
	return b.String()
}

// AnkiHTML returns card text as the HTML of an Anki field: "&", "<" and ">"
// escaped, each line break ("\n", "\r\n" or "\r") written <br>, other ASCII
// control characters dropped, nothing Anki would run: "[" written &#91; (no
// [sound:…]), "{" written &#123; but in a cloze marker "{{c1::", and the
// MathJax delimiters \( \) \[ \] broken by an empty <span>, so they show as
// typed; and the Markdown subset of card text rendered:
// **strong** as <b>, *em* as <i>, `code` as <code>, read by deck.Spans as
// the PDF and the review screen read it. Where spans overlap (*a **b* c**)
// a tag is closed and opened again, so the HTML is always well formed.
func AnkiHTML(s string) string {
	var aw ankiWriter
	return string(aw.appendHTML(nil, s))
}

// htmlStyle is a set of the tags <b>, <i>, <code> (bits 0, 1, 2).
type htmlStyle uint8

const (
	styleB htmlStyle = 1 << iota
	styleI
	styleCode
)

var (
	openTags  = [3]string{"<b>", "<i>", "<code>"}
	closeTags = [3]string{"</b>", "</i>", "</code>"}
)

// tagStack is the tags open in the HTML written so far, outermost first.
type tagStack struct {
	tags [3]uint8 // indexes into openTags
	n    int
}

// set closes and opens tags so that the open ones are those of want:
// it closes from the innermost down to the first tag want lacks, then opens
// what is missing in the order <b>, <i>, <code>.
func (ts *tagStack) set(dst []byte, want htmlStyle) []byte {
	keep := 0
	for keep < ts.n && want&(1<<ts.tags[keep]) != 0 {
		keep++
	}
	for ts.n > keep {
		ts.n--
		dst = append(dst, closeTags[ts.tags[ts.n]]...)
	}
	var open htmlStyle
	for _, t := range ts.tags[:ts.n] {
		open |= 1 << t
	}
	for t := range uint8(3) {
		if want&(1<<t) != 0 && open&(1<<t) == 0 {
			dst = append(dst, openTags[t]...)
			ts.tags[ts.n] = t
			ts.n++
		}
	}
	return dst
}

// appendHTML appends the HTML of card text s to dst (see AnkiHTML).
func (aw *ankiWriter) appendHTML(dst []byte, s string) []byte {
	var (
		open tagStack
		cur  htmlStyle // the tags open in dst
	)
	for _, sp := range aw.marks.Read(s) {
		if sp.Image != "" {
			// Anki finds the file by its name in its media folder.
			name := filepath.Base(sp.Image)
			if aw.media != nil {
				name = aw.media(aw.card, sp.Image)
			}
			dst = append(dst, `<img src="`...)
			dst = appendEscaped(dst, strings.ReplaceAll(name, `"`, "&quot;"))
			dst = append(dst, `">`...)
			continue
		}
		want := htmlStyleOf(sp.Style)
		if want != cur && !allControl(sp.Text) {
			dst = open.set(dst, want)
			cur = want
		}
		dst = appendEscaped(dst, sp.Text)
	}
	return open.set(dst, 0)
}

// htmlStyleOf returns the tags of a markup style.
func htmlStyleOf(st deck.Style) htmlStyle {
	var h htmlStyle
	if st&deck.Strong != 0 {
		h |= styleB
	}
	if st&deck.Em != 0 {
		h |= styleI
	}
	if st&deck.Code != 0 {
		h |= styleCode
	}
	return h
}

// allControl reports whether appendEscaped writes nothing for s.
func allControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x20 && c != 0x7f || c == '\t' || c == '\n' || c == '\r' {
			return false
		}
	}
	return true
}

// appendEscaped appends s with "&", "<" and ">" escaped, line breaks as
// <br> and other ASCII control characters (which Anki removes) dropped. A
// combining mark right after a tag is written as a character reference.
func appendEscaped(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		// Copy the run of bytes that need nothing.
		j := i
		for j < len(s) && !special[s[j]] {
			j++
		}
		if j > i && (s[i] < utf8.RuneSelf || len(dst) == 0 || dst[len(dst)-1] != '>') {
			dst = append(dst, s[i:j]...)
			if i = j; i == len(s) {
				break
			}
		}
		switch c := s[i]; c {
		case '&':
			dst = append(dst, "&amp;"...)
		case '<':
			dst = append(dst, "&lt;"...)
		case '>':
			dst = append(dst, "&gt;"...)
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			dst = append(dst, "<br>"...)
		case '\n':
			dst = append(dst, "<br>"...)
		case '[':
			// "[sound:…]" plays a file of the media folder; no "[" is live.
			dst = append(dst, "&#91;"...)
		case '{':
			// "{" opens MathJax arguments (\href{javascript:…}); a cloze
			// marker "{{c1::" stays live.
			if n := clozeOpen(s[i:]); n > 0 {
				dst = append(dst, s[i:i+n]...)
				i += n - 1
			} else {
				dst = append(dst, "&#123;"...)
			}
		case '\\':
			// MathJax reads \( \) \[ \] as math delimiters: an empty
			// element between the two characters shows them as typed.
			dst = append(dst, c)
			if i+1 < len(s) && strings.IndexByte("()[]", s[i+1]) >= 0 {
				dst = append(dst, "<span></span>"...)
			}
		default:
			if c < 0x20 || c == 0x7f {
				continue
			}
			// Here c starts a character right after a tag. A combining
			// mark there could join the tag's ">" when Anki normalizes the
			// field (NFC: ">" and U+0338 make "≯"), breaking the tag:
			// write it as a character reference.
			r, n := utf8.DecodeRuneInString(s[i:])
			if unicode.IsMark(r) {
				dst = append(dst, "&#x"...)
				dst = strconv.AppendInt(dst, int64(r), 16)
				dst = append(dst, ';')
			} else {
				dst = append(dst, s[i:i+n]...)
			}
			i += n - 1
		}
	}
	return dst
}

// special marks the bytes appendEscaped does not copy as they are.
var special = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = c != '\t'
	}
	for _, c := range "\x7f&<>[{\\" {
		t[c] = true
	}
	return t
}()

// clozeOpen returns the length of the cloze marker "{{cN::" that opens s,
// or 0.
func clozeOpen(s string) int {
	if !strings.HasPrefix(s, "{{c") {
		return 0
	}
	i := 3
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 3 || !strings.HasPrefix(s[i:], "::") {
		return 0
	}
	return i + 2
}
