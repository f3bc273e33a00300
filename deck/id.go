package deck

import (
	"crypto/sha256"
	"encoding/binary"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// IDLen is the length of a card ID: characters from [0-9a-z].
const IDLen = 10

// minSimilarity is the least similarity (1 − edit distance ÷ longer length,
// over normalized fronts) at which an edited card keeps the ID of an old one.
const minSimilarity = 0.85

var folder = cases.Fold()

// Normalize returns the form of a card's text that identity compares: NFC,
// case-folded, every run of white space and punctuation collapsed to one
// space, trimmed. Markdown markers count as punctuation.
func Normalize(s string) string {
	if !isASCII(s) {
		s = folder.String(norm.NFC.String(s))
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A' // ASCII text skipped the case folder
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
			continue
		}
		space = true
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// splitStepFront splits the front of a step card, as StepFront writes it,
// into the list and the label.
func splitStepFront(front string) (list, label string, ok bool) {
	const sep = " — step "
	i := strings.LastIndex(front, sep)
	if i < 0 {
		return "", "", false
	}
	rest := front[i+len(sep):]
	j := 0
	for j < len(rest) && '0' <= rest[j] && rest[j] <= '9' {
		j++
	}
	if j == 0 || !strings.HasPrefix(rest[j:], ": ") {
		return "", "", false
	}
	return front[:i], rest[j+2:], true
}

// StepFront returns the front of a step card: the list, the 1-based position
// and the label ("The Serverless Cloud Engineer Roadmap — step 3: Cloud
// Fundamentals").
func StepFront(list string, pos int, label string) string {
	return list + " — step " + strconv.Itoa(pos) + ": " + label
}

// identity returns the normalized text a card's ID is derived from and
// matched by: its front, or for a step card its list and label, so that a
// step keeps its ID when another is inserted before it.
func identity(c *Card) string {
	if c.Kind == KindStep {
		if list, label, ok := splitStepFront(c.Front); ok {
			return "step\x00" + Normalize(list) + "\x00" + Normalize(label)
		}
	}
	return Normalize(c.Front)
}

// deriveID hashes the normalized deck name and section, the card's
// identity and the occurrence number of that identity (0 for the first) with
// SHA-256, and writes the first 64 bits of the sum modulo 36^10 in base 36.
func deriveID(deckName, section, ident string, occurrence int) string {
	h := sha256.New()
	h.Write([]byte(deckName))
	h.Write([]byte{0})
	h.Write([]byte(section))
	h.Write([]byte{0})
	h.Write([]byte(ident))
	if occurrence > 0 {
		h.Write([]byte{0})
		h.Write([]byte(strconv.Itoa(occurrence)))
	}
	var sum [sha256.Size]byte
	n := binary.BigEndian.Uint64(h.Sum(sum[:0])) % idSpace
	var id [IDLen]byte
	for i := IDLen - 1; i >= 0; i-- {
		id[i] = "0123456789abcdefghijklmnopqrstuvwxyz"[n%36]
		n /= 36
	}
	return string(id[:])
}

// HashID returns a card ID made from key alone, as Compile derives one from
// a card's identity: for the cards of a file another program wrote, whose
// own IDs are not in this form.
func HashID(key string) string { return deriveID("", "", key, 0) }

// idSpace is the number of distinct IDs, 36^10.
const idSpace = 3656158440062976

// assignIDs gives every card of d an ID. With no old deck each card's ID is
// derived from the deck name, its section and its identity (the normalized
// front; a step's list and label), and a repeated identity also hashes its
// occurrence number. With an old deck, see KeepIDs.
func (d *Deck) assignIDs(old *Deck) {
	name := Normalize(d.Name)
	seen := make(map[string]int)
	for i := range d.Cards {
		c := &d.Cards[i]
		section, ident := Normalize(c.Section), identity(c)
		key := section + "\x00" + ident
		c.ID = deriveID(name, section, ident, seen[key])
		seen[key]++
	}
	if old != nil {
		d.KeepIDs(old.Cards)
	}
	d.uniqueIDs()
	d.linkNotes()
}

// linkNotes sets the Note of every card of a note of several cards (as
// compiled or read) to the ID of the note's first card. It runs whenever
// IDs change.
func (d *Deck) linkNotes() {
	// A note whose other cards were left out (a copy of another card) is
	// a card alone.
	for i := range d.Cards {
		if d.Cards[i].link == noteHead && (i+1 == len(d.Cards) || d.Cards[i+1].link != sibling) {
			d.Cards[i].link, d.Cards[i].Note = alone, ""
		}
	}
	head := ""
	for i := range d.Cards {
		c := &d.Cards[i]
		switch {
		case c.link == noteHead:
			head = c.ID
			c.Note = head
		case c.link == sibling && head != "":
			c.Note = head
		default:
			head = "" // a card alone keeps the Note it was given
		}
	}
}

// KeepIDs gives the cards of d the IDs of their counterparts among old, the
// cards of an earlier version of the same deck, so that review history stays
// with the card it belongs to through small edits of the chapter:
//
//  1. a card takes the ID of an old card with an equal identity (its
//     normalized front; for a step card, its list and label), in order when
//     an identity repeats;
//  2. each card still unmatched takes the ID of the most similar unmatched
//     old card in the same section, when the similarity of their normalized
//     fronts (1 − edit distance ÷ longer length) is at least 0.85; pairs are
//     made one to one, best first;
//  3. every other card keeps its derived ID, unless an old card holds it
//     (then it is derived again with a salt), so no card ever takes the
//     history of an old card it does not descend from.
//
// No two cards of d share an ID afterwards.
func (d *Deck) KeepIDs(old []Card) {
	matched := make([]bool, len(d.Cards))
	used := make([]bool, len(old))
	byIdent := make(map[string][]int)
	for j := range old {
		k := identity(&old[j])
		byIdent[k] = append(byIdent[k], j)
	}
	for i := range d.Cards {
		if len(old) == 0 {
			break // a new deck: nothing to match, no identity to compute
		}
		k := identity(&d.Cards[i])
		for len(byIdent[k]) > 0 {
			j := byIdent[k][0]
			byIdent[k] = byIdent[k][1:]
			if !used[j] {
				d.Cards[i].ID = old[j].ID
				matched[i], used[j] = true, true
				break
			}
		}
	}

	pairs := similarPairs(d.Cards, old, matched, used)
	sort.SliceStable(pairs, func(x, y int) bool { return pairs[x].sim > pairs[y].sim })
	for _, p := range pairs {
		if matched[p.i] || used[p.j] {
			continue
		}
		d.Cards[p.i].ID = old[p.j].ID
		matched[p.i], used[p.j] = true, true
	}

	taken := make(map[string]bool, len(old)+len(d.Cards))
	for j := range old {
		taken[old[j].ID] = true
	}
	distinct := len(taken) == len(old)
	for i := range d.Cards {
		if matched[i] {
			continue
		}
		c := &d.Cards[i]
		for salt := 1; taken[c.ID]; salt++ {
			c.ID = deriveID(Normalize(d.Name), Normalize(c.Section), identity(c)+"\x00salt", salt)
		}
		taken[c.ID] = true
	}
	// The cards that took an old card's ID hold distinct IDs when the old
	// cards do, and every other card's ID is taken by no card before it:
	// only old cards that share an ID can leave two cards with one.
	if !distinct {
		d.uniqueIDs()
	}
	d.linkNotes()
}

// uniqueIDs re-derives, with a salt, the ID of any card that repeats an
// earlier card's ID, so that IDs are unique within the deck.
func (d *Deck) uniqueIDs() {
	seen := make(map[string]bool, len(d.Cards))
	for i := range d.Cards {
		c := &d.Cards[i]
		for salt := 1; seen[c.ID]; salt++ {
			c.ID = deriveID(Normalize(d.Name), Normalize(c.Section), identity(c)+"\x00dup", salt)
		}
		seen[c.ID] = true
	}
}

// similarity returns 1 − (Levenshtein distance ÷ length of the longer) when
// that is at least minSimilarity, else 0 (the distance is computed only as
// far as it can matter). Two empty strings are equal (1).
func similarity(a, b []rune) float64 {
	longer := max(len(a), len(b))
	if longer == 0 {
		return 1
	}
	// The largest distance that can still reach minSimilarity, with one to
	// spare for rounding; the exact test is the comparison below.
	limit := int(float64(longer)*(1-minSimilarity)) + 1
	d := boundedDistance(a, b, limit)
	if s := 1 - float64(d)/float64(longer); d <= limit && s >= minSimilarity {
		return s
	}
	return 0
}

// boundedDistance returns the Levenshtein distance of a and b when it is at
// most limit, else a number above limit. It fills only the band of cells
// within limit of the diagonal and stops when a whole row exceeds limit, so
// it costs O(limit × length) instead of O(length²).
func boundedDistance(a, b []rune, limit int) int {
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(a)-len(b) > limit {
		return limit + 1
	}
	over := limit + 1
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = min(j, over)
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-limit), min(len(b), i+limit)
		cur[0] = min(i, over)
		if lo > 1 {
			cur[lo-1] = over
		}
		rowMin := cur[0]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost, over)
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if hi < len(b) {
			cur[hi+1] = over
		}
		if rowMin >= over {
			return over
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
