package anki

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"spaced/deck"
	"spaced/srs"
)

// Column roles of a text file (TextOptions.Columns).
const (
	ColFront    = "front"
	ColBack     = "back"
	ColTags     = "tags"
	ColDeck     = "deck"
	ColGUID     = "guid"
	ColNotetype = "notetype"
	ColIgnore   = "-"
)

// TextOptions adjusts ReadText.
type TextOptions struct {
	// Columns names the role of each column (front, back, tags, deck,
	// guid, notetype, or - to ignore it); nil reads them from the file's
	// header lines, a header row, or the order front, back, tags.
	Columns []string
	// Deck is the deck of rows the file gives none; "" names it after the
	// file.
	Deck string
	// Image returns the path card text gives an <img> of an HTML field.
	Image func(name string) string
}

// ValidColumn reports whether name is a column role.
func ValidColumn(name string) bool {
	switch name {
	case ColFront, ColBack, ColTags, ColDeck, ColGUID, ColNotetype, ColIgnore:
		return true
	}
	return false
}

// textFile is what the header lines of a text file say (see ANKI.md of
// Anki's importer).
type textFile struct {
	sep                       rune
	html, htmlSet             bool
	notetype, deck            string
	guidCol, deckCol, tagsCol int // 1-based, 0: none
	notetypeCol               int
	columns                   []string
	headerLines               int
}

// ReadText reads a text file of notes as Anki's text import reads one:
// Anki's "Notes in Plain Text" export, CSV and TSV files. The "#" header
// lines at the top are honoured as Anki honours them (#separator, #html,
// #notetype, #deck, #columns and the #… column lines); without them the
// separator is the one of tab, comma, semicolon and "|" that splits the
// first rows alike, a first row of column names (front, back, question,
// answer, tags, deck, guid, notetype) is a header, and HTML is read when a
// field of the first five rows holds a tag. Records follow CSV quoting; a
// record starting with "#" is a comment; a row with an empty front is
// skipped. Each row is a note: Basic (front and back), a notetype whose
// name says Cloze (cloze cards of the first field) or one whose name says
// reversed (a card each way). Cards are told by the GUID column, else by
// their deck and front, so importing the file again finds them. It returns
// the decks and a warning for each row it skipped.
func ReadText(path string, src []byte, opt TextOptions) ([]srs.ImportDeck, []string, error) {
	if !utf8.Valid(src) {
		return nil, nil, fmt.Errorf("%s: not UTF-8 text", path)
	}
	if bytes.IndexByte(src, 0) >= 0 {
		return nil, nil, fmt.Errorf("%s: a binary file, not text", path)
	}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	tf := readHeader(src)
	body := src
	for i := 0; i < tf.headerLines; i++ {
		if j := bytes.IndexByte(body, '\n'); j >= 0 {
			body = body[j+1:]
		} else {
			body = nil
		}
	}
	if tf.sep == 0 {
		tf.sep = guessSeparator(body, filepath.Ext(path))
	}
	records, lines, err := readRecords(body, tf.sep)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	cols := opt.Columns
	if cols == nil {
		cols = tf.columns
	}
	first := 0
	if len(records) > 0 && tf.headerLines == 0 && isHeaderRow(records[0]) {
		if cols == nil {
			cols = headerRoles(records[0])
		}
		first = 1
	}
	if cols == nil {
		cols = tf.defaultColumns(records)
	}
	if !tf.htmlSet {
		tf.html = looksHTML(records[first:min(len(records), first+5)])
	}
	deckName := opt.Deck
	if deckName == "" {
		deckName = tf.deck
	}
	if deckName == "" {
		deckName = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	r := textReader{path: path, tf: tf, cols: cols, deck: deckName, image: opt.Image, index: map[string]int{}, seen: map[string]int{}}
	for i := first; i < len(records); i++ {
		r.row(records[i], lines[i]+tf.headerLines)
	}
	if len(r.decks) == 0 {
		return nil, r.warnings, fmt.Errorf("%s: no notes found", path)
	}
	if r.noBack > 0 {
		r.warnings = append(r.warnings, fmt.Sprintf("%s: %d rows have no back; their cards show nothing on the back (--columns says which column is which)", path, r.noBack))
	}
	return r.decks, r.warnings, nil
}

// readHeader reads the header lines at the top of src.
func readHeader(src []byte) textFile {
	var tf textFile
	for len(src) > 0 && src[0] == '#' {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		tf.headerLines++
		key, val, ok := strings.Cut(strings.TrimRight(string(line[1:]), "\r"), ":")
		if !ok {
			continue
		}
		col, _ := strconv.Atoi(strings.TrimSpace(val))
		switch strings.ToLower(strings.TrimSpace(key)) {
		case "separator":
			tf.sep = separatorNamed(val)
		case "html":
			switch val {
			case "true":
				tf.html, tf.htmlSet = true, true
			case "false":
				tf.html, tf.htmlSet = false, true
			}
		case "notetype":
			tf.notetype = val
		case "deck":
			tf.deck = val
		case "columns":
			tf.columns = headerRoles(strings.Split(val, string(max(tf.sep, ','))))
		case "guid column":
			tf.guidCol = col
		case "deck column":
			tf.deckCol = col
		case "tags column":
			tf.tagsCol = col
		case "notetype column":
			tf.notetypeCol = col
		}
	}
	return tf
}

// separatorNamed returns the separator a #separator line names, 0 for
// none.
func separatorNamed(v string) rune {
	switch strings.ToLower(v) {
	case "comma":
		return ','
	case "semicolon":
		return ';'
	case "tab":
		return '\t'
	case "space":
		return ' '
	case "pipe":
		return '|'
	case "colon":
		return ':'
	}
	if r, n := utf8.DecodeRuneInString(v); n == len(v) && n > 0 {
		return r
	}
	return 0
}

// guessSeparator returns the separator that splits the first rows of body
// into the same number of fields, two or more: tab first (and for a .tsv
// file), then comma, semicolon and "|"; comma when none does.
func guessSeparator(body []byte, ext string) rune {
	if strings.EqualFold(ext, ".tsv") {
		return '\t'
	}
	sample := body[:min(len(body), 8<<10)]
	for _, sep := range []rune{'\t', ',', ';', '|'} {
		recs, _, err := readRecords(sample, sep)
		if err != nil || len(recs) == 0 {
			continue
		}
		recs = recs[:min(len(recs), 20)]
		if len(recs) > 1 && len(sample) == 8<<10 {
			recs = recs[:len(recs)-1] // cut by the sample
		}
		same := len(recs[0]) >= 2
		for _, r := range recs[1:] {
			same = same && len(r) == len(recs[0])
		}
		if same {
			return sep
		}
	}
	return ','
}

// readRecords splits body into CSV records with separator sep, dropping
// comment records (an unquoted "#" first) and blank lines, and returns the
// line of body each starts on.
func readRecords(body []byte, sep rune) ([][]string, []int, error) {
	cr := csv.NewReader(bytes.NewReader(body))
	cr.Comma, cr.Comment = sep, '#'
	cr.FieldsPerRecord, cr.LazyQuotes, cr.ReuseRecord = -1, true, false
	var out [][]string
	var lines []int
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, lines, nil
		}
		if err != nil {
			return nil, nil, err
		}
		line, _ := cr.FieldPos(0)
		out = append(out, rec)
		lines = append(lines, line)
	}
}

// roleOf maps column names of a header row to roles.
var roleOf = map[string]string{
	"front": ColFront, "question": ColFront, "text": ColFront,
	"back": ColBack, "answer": ColBack, "back extra": ColBack,
	"tags": ColTags, "tag": ColTags, "deck": ColDeck, "guid": ColGUID, "notetype": ColNotetype, "note type": ColNotetype,
}

// isHeaderRow reports whether every field of rec, two or more, names a
// column. A file with "#" header lines (Anki's) has no such row.
func isHeaderRow(rec []string) bool {
	known := 0
	for _, f := range rec {
		if _, ok := roleOf[strings.ToLower(strings.TrimSpace(f))]; ok {
			known++
		}
	}
	return known >= 2 && known == len(rec)
}

// headerRoles returns the roles of the names of a header row or #columns
// line; a name of no role is ignored.
func headerRoles(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		if out[i] = roleOf[strings.ToLower(strings.TrimSpace(n))]; out[i] == "" {
			out[i] = ColIgnore
		}
	}
	return out
}

// defaultColumns returns the roles of a file without column names: the
// #… column lines, the rest front and back in order, and the first
// column after them tags, as Anki reads a Basic note.
func (tf textFile) defaultColumns(records [][]string) []string {
	width := 0
	if len(records) > 0 {
		width = len(records[0])
	}
	width = max(width, tf.guidCol, tf.deckCol, tf.tagsCol, tf.notetypeCol)
	cols := make([]string, width)
	for role, at := range map[string]int{ColGUID: tf.guidCol, ColDeck: tf.deckCol, ColTags: tf.tagsCol, ColNotetype: tf.notetypeCol} {
		if at > 0 {
			cols[at-1] = role
		}
	}
	next := []string{ColFront, ColBack}
	if tf.tagsCol == 0 {
		next = append(next, ColTags)
	}
	for i := range cols {
		switch {
		case cols[i] != "":
		case len(next) > 0:
			cols[i], next = next[0], next[1:]
		default:
			cols[i] = ColIgnore
		}
	}
	return cols
}

var htmlTag = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`<[a-zA-Z/][^<>]*>`) })

// looksHTML reports whether a field of records holds an HTML tag.
func looksHTML(records [][]string) bool {
	for _, r := range records {
		for _, f := range r {
			if htmlTag().MatchString(f) {
				return true
			}
		}
	}
	return false
}

// textReader turns the rows of a text file into decks.
type textReader struct {
	path     string
	tf       textFile
	cols     []string
	deck     string
	image    func(string) string
	decks    []srs.ImportDeck
	index    map[string]int // deck name → index in decks
	seen     map[string]int // deck and front → rows seen, for IDs
	noBack   int            // rows of a front-and-back note without a back
	warnings []string
}

// row reads record rec, at line of the file.
func (r *textReader) row(rec []string, line int) {
	var front, back, guid, notetype []string
	var tags []string
	deckName, nt := r.deck, r.tf.notetype
	for i, f := range rec {
		role := ColIgnore
		if i < len(r.cols) {
			role = r.cols[i]
		}
		switch role {
		case ColFront:
			front = append(front, r.text(f))
		case ColBack:
			if t := r.text(f); t != "" {
				back = append(back, t)
			}
		case ColTags:
			tags = append(tags, strings.Fields(f)...)
		case ColDeck:
			if f = strings.TrimSpace(f); f != "" {
				deckName = f
			}
		case ColGUID:
			guid = append(guid, strings.TrimSpace(f))
		case ColNotetype:
			notetype = append(notetype, f)
		}
	}
	if len(notetype) > 0 && notetype[0] != "" {
		nt = notetype[0]
	}
	if len(front) == 0 || strings.TrimSpace(front[0]) == "" {
		r.warnings = append(r.warnings, fmt.Sprintf("%s:%d: empty first field; the row is skipped", r.path, line))
		return
	}
	n := Note{Type: textNotetype(nt), Fields: append([]string{front[0]}, strings.Join(back, "\n")), Tags: tags}
	if len(back) == 0 && !n.Type.Cloze {
		r.noBack++
	}
	if len(guid) > 0 && guid[0] != "" {
		n.GUID = guid[0]
	} else {
		key := deckName + "\x00" + deck.Normalize(front[0])
		n.GUID = deck.HashID("text\x00" + key + "\x00" + strconv.Itoa(r.seen[key]))
		r.seen[key]++
	}
	n.Cards = []Card{{Ord: 0}}
	switch {
	case n.Type.Cloze:
		n.Cards = nil
		for _, c := range deck.ClozeCards(front[0]) {
			n.Cards = append(n.Cards, Card{Ord: c.Cloze - 1})
		}
	case len(n.Type.Templates) == 2:
		n.Cards = append(n.Cards, Card{Ord: 1})
	}
	cards, _, warn := convertNote(&n, func(string) string { return "" })
	if warn != "" {
		r.warnings = append(r.warnings, fmt.Sprintf("%s:%d: %s", r.path, line, warn))
	}
	k, ok := r.index[deckName]
	if !ok {
		k = len(r.decks)
		r.index[deckName] = k
		r.decks = append(r.decks, srs.ImportDeck{Name: deckName, Title: deckTitle(deckName), Source: r.path})
	}
	for i := range cards {
		cards[i].Card.Line = line
		cards[i].State = srs.NewState()
	}
	r.decks[k].Cards = append(r.decks[k].Cards, cards...)
}

// text returns a field as HTML for convertNote: as it is when the file
// holds HTML, else escaped with line breaks kept.
func (r *textReader) text(f string) string {
	if r.tf.html {
		return f
	}
	return strings.ReplaceAll(strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(f), "\n", "<br>")
}

// The notetypes of a text file's rows.
var (
	textBasic    = &Notetype{Name: "Basic", Fields: []string{"Front", "Back"}, Templates: []Template{{Q: "{{Front}}", A: "{{Back}}"}}}
	textReversed = &Notetype{Name: "Basic (and reversed card)", Fields: []string{"Front", "Back"},
		Templates: []Template{{Q: "{{Front}}", A: "{{Back}}"}, {Q: "{{Back}}", A: "{{Front}}"}}}
	textCloze = &Notetype{Name: "Cloze", Cloze: true, Fields: []string{"Text", "Back Extra"}}
)

// textNotetype returns the notetype a row's notetype name stands for.
func textNotetype(name string) *Notetype {
	lower := strings.ToLower(name)
	switch {
	case strings.Contains(lower, "cloze"):
		return textCloze
	case strings.Contains(lower, "revers"):
		return textReversed
	}
	return textBasic
}
