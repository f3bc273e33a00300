package export

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// This file holds a reader of Anki text imports that follows the rules of
// Anki's CSV importer (2.1.55 and later), so that tests can check what Anki
// makes of a file: which lines are headers, which records are comments, how
// fields are quoted, which notes are skipped.

// ankiFile is what Anki reads from a text import.
type ankiFile struct {
	Separator      byte   // 0 until known
	HTML           bool   // fields are HTML
	HTMLSet        bool   // the file says #html:
	Notetype       string // #notetype:, raw
	Deck           string // #deck:, raw
	GUIDColumn     int    // 1-based; 0 for none
	DeckColumn     int
	TagsColumn     int
	NotetypeColumn int
	IfMatches      string // "update current", "keep current", "keep both" or ""
	Headers        int    // lines in the header block
	Columns        int    // columns, from the first record
	Notes          []ankiNote
	EmptyFirst     int // records skipped for an empty first field
}

// ankiNote is one note Anki imports.
type ankiNote struct {
	GUID     string
	Deck     string
	Notetype string
	Fields   []string // the notetype's fields, as stored
	Tags     []string // nil when the file has no tags column
}

// readAnki reads src as Anki reads a text file whose notetype has nFields
// fields.
func readAnki(src string, nFields int) (*ankiFile, error) {
	if !utf8.ValidString(src) {
		return nil, errors.New("invalid UTF-8")
	}
	f := &ankiFile{}
	body := f.readHeaders(src)
	if f.Separator == 0 {
		f.Separator = ankiGuessSeparator(body)
	}
	records := ankiReadRecords(body, f.Separator)
	if !f.HTMLSet {
		f.HTML = ankiLooksLikeHTML(records)
	}
	if len(records) == 0 {
		return f, nil
	}
	f.Columns = len(records[0])

	meta := map[int]bool{f.GUIDColumn: true, f.DeckColumn: true, f.TagsColumn: true, f.NotetypeColumn: true}
	var fieldCols []int
	for c := 1; c <= f.Columns && len(fieldCols) < nFields; c++ {
		if !meta[c] {
			fieldCols = append(fieldCols, c)
		}
	}
	tagsCol := f.TagsColumn
	if tagsCol == 0 && len(fieldCols) > 0 {
		for c := fieldCols[len(fieldCols)-1] + 1; c <= f.Columns; c++ {
			if !meta[c] {
				tagsCol = c
				break
			}
		}
	}
	col := func(rec []string, c int) (string, bool) {
		if c < 1 || c > len(rec) {
			return "", false
		}
		return rec[c-1], true
	}
	for _, rec := range records {
		n := ankiNote{Notetype: f.Notetype, Deck: f.Deck}
		if f.NotetypeColumn > 0 {
			n.Notetype, _ = col(rec, f.NotetypeColumn)
		}
		if f.DeckColumn > 0 {
			n.Deck, _ = col(rec, f.DeckColumn)
		}
		n.GUID, _ = col(rec, f.GUIDColumn)
		if v, ok := col(rec, tagsCol); ok {
			n.Tags = strings.Fields(v)
		} else if tagsCol > 0 {
			n.Tags = []string{}
		}
		for _, c := range fieldCols {
			v, _ := col(rec, c)
			n.Fields = append(n.Fields, v)
		}
		for len(n.Fields) < nFields {
			n.Fields = append(n.Fields, "")
		}
		if n.Fields[0] == "" {
			f.EmptyFirst++
			continue
		}
		for i, v := range n.Fields {
			n.Fields[i] = ankiNormalizeField(v, f.HTML)
		}
		f.Notes = append(f.Notes, n)
	}
	return f, nil
}

// readHeaders reads the unbroken run of lines at the top that start with "#"
// and returns the text after it.
func (f *ankiFile) readHeaders(src string) string {
	for strings.HasPrefix(src, "#") {
		line, rest, _ := strings.Cut(src, "\n")
		line = strings.TrimSuffix(line, "\r")
		src = rest
		f.Headers++
		key, value, ok := strings.Cut(line[1:], ":")
		if !ok {
			continue // a comment
		}
		switch strings.ToLower(strings.TrimSpace(key)) {
		case "separator":
			f.Separator = ankiSeparatorFrom(value)
		case "html":
			switch strings.ToLower(value) {
			case "true":
				f.HTML, f.HTMLSet = true, true
			case "false":
				f.HTML, f.HTMLSet = false, true
			}
		case "notetype":
			f.Notetype = value
		case "deck":
			f.Deck = value
		case "guid column":
			f.GUIDColumn = ankiColumn(value, f.GUIDColumn)
		case "deck column":
			f.DeckColumn = ankiColumn(value, f.DeckColumn)
		case "tags column":
			f.TagsColumn = ankiColumn(value, f.TagsColumn)
		case "notetype column":
			f.NotetypeColumn = ankiColumn(value, f.NotetypeColumn)
		case "if matches":
			switch value {
			case "update current", "keep current", "keep both":
				f.IfMatches = value
			}
		}
	}
	return src
}

// ankiColumn reads a 1-based column number, keeping old when v is not one.
func ankiColumn(v string, old int) int {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 1 {
		return old
	}
	return n
}

var ankiSeparatorNames = map[string]byte{"comma": ',', "semicolon": ';', "tab": '\t', "space": ' ', "pipe": '|', "colon": ':'}

// ankiSeparatorFrom reads a #separator: value: a name in any case or the single
// character; 0 when it is neither.
func ankiSeparatorFrom(v string) byte {
	if b, ok := ankiSeparatorNames[strings.ToLower(strings.TrimSpace(v))]; ok {
		return b
	}
	if len(v) == 1 && strings.ContainsRune(",;\t |:", rune(v[0])) {
		return v[0]
	}
	return 0
}

// ankiGuessSeparator picks, as Anki does without a #separator: line, the first of
// tab, "|", ";", ":", "," and space that occurs in the first 8 KiB.
func ankiGuessSeparator(body string) byte {
	if len(body) > 8<<10 {
		body = body[:8<<10]
	}
	for _, b := range []byte{'\t', '|', ';', ':', ','} {
		if strings.IndexByte(body, b) >= 0 {
			return b
		}
	}
	return ' '
}

var ankiHTMLTag = regexp.MustCompile(`<[^<>]*>`)

// ankiLooksLikeHTML reports whether a field of the first five records looks like
// it holds an HTML tag.
func ankiLooksLikeHTML(records [][]string) bool {
	for i, rec := range records {
		if i == 5 {
			break
		}
		for _, v := range rec {
			if ankiHTMLTag.MatchString(v) {
				return true
			}
		}
	}
	return false
}

// ankiReadRecords splits body into records of fields: standard CSV quoting ("
// opens a quoted field only at its start, "" inside quotes is one quote, no
// backslash escapes), records ending at \n, \r\n or a lone \r, blank lines
// skipped, and every record whose first character is "#" dropped as a
// comment. Rows may differ in length.
func ankiReadRecords(body string, sep byte) [][]string {
	var records [][]string
	i := 0
	for i < len(body) {
		switch body[i] {
		case '\n', '\r':
			i++
			continue
		case '#':
			for i < len(body) && body[i] != '\n' && body[i] != '\r' {
				i++
			}
			continue
		}
		var rec []string
		for {
			var b strings.Builder
			if i < len(body) && body[i] == '"' {
				i++
				for i < len(body) {
					if body[i] == '"' {
						if i+1 < len(body) && body[i+1] == '"' {
							b.WriteByte('"')
							i += 2
							continue
						}
						i++
						break
					}
					b.WriteByte(body[i])
					i++
				}
			}
			for i < len(body) && body[i] != sep && body[i] != '\n' && body[i] != '\r' {
				b.WriteByte(body[i])
				i++
			}
			rec = append(rec, b.String())
			if i < len(body) && body[i] == sep {
				i++
				continue
			}
			if i < len(body) && body[i] == '\r' && i+1 < len(body) && body[i+1] == '\n' {
				i++
			}
			i++
			break
		}
		records = append(records, rec)
	}
	return records
}

// ankiNormalizeField does to a field what Anki does before storing it: remove
// ASCII control characters other than tab and line feed, normalize to NFC,
// and, when the file is not HTML, escape it.
func ankiNormalizeField(v string, html bool) string {
	v = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' || r == 0x7f {
			return -1
		}
		return r
	}, v)
	v = norm.NFC.String(v)
	if !html {
		v = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#x27;", "\n", "<br>").Replace(v)
	}
	return v
}
