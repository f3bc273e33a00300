package anki

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"spaced/deck"
	"spaced/export"
	"spaced/srs"
)

// ConvertOptions adjusts Package.Decks.
type ConvertOptions struct {
	// DayOf returns the study day of an instant, as the collection counts
	// days (time zone and rollover).
	DayOf func(time.Time) srs.Day
	// Today is the study day of the import: a buried card stays buried
	// until the day after.
	Today srs.Day
	// Image returns the path card text gives a media file of the package
	// (by its name), "" when the file is not there.
	Image func(name string) string
	// Scheduling keeps each card's Anki schedule and review log; false
	// makes every card new.
	Scheduling bool
}

// Decks returns the cards of the package as decks to import, one per Anki
// deck in the order their first cards come, with a warning for each note
// that cannot be read as it stands (see convertNote). Every card is told by a
// stable ID (cardID), so importing the package again finds the same
// cards. Decks takes the notes out of the package as it converts them, so
// that memory holds each note once: a second call gives nothing.
func (p *Package) Decks(opt ConvertOptions) ([]srs.ImportDeck, []string) {
	var warnings []string
	var decks []srs.ImportDeck
	index := map[string]int{}
	crt := opt.DayOf(time.Unix(p.Crt, 0))
	warned := map[*Notetype]bool{}
	for i := range p.Notes {
		n := &p.Notes[i]
		cards, from, warn := convertNote(n, opt.Image)
		if warn != "" && (!strings.HasPrefix(warn, "notetype") || !warned[n.Type]) {
			warned[n.Type] = true
			warnings = append(warnings, fmt.Sprintf("%s: note %q: %s", p.Path, n.GUID, warn))
		}
		for j := range cards {
			ic := &cards[j]
			ic.Card.Line = i + 1
			ic.Mod = n.Mod
			if n.Line > 0 {
				ic.Card.Line = n.Line
			}
			c := &n.Cards[from[j]]
			ic.State = srs.NewState()
			if opt.Scheduling {
				schedule(ic, c, crt, opt, slices.Contains(n.Tags, "leech"), n.card(c.Ord).Days)
			}
			k, ok := index[c.Deck]
			if !ok {
				k = len(decks)
				index[c.Deck] = k
				decks = append(decks, srs.ImportDeck{Name: c.Deck, Title: deckTitle(c.Deck), Source: p.Path})
			}
			decks[k].Cards = append(decks[k].Cards, *ic)
		}
		*n = Note{}
	}
	p.Notes = nil
	return decks, warnings
}

// deckTitle returns the title of an imported deck: the last level of its
// "::" hierarchy.
func deckTitle(name string) string {
	if i := strings.LastIndex(name, "::"); i >= 0 {
		return name[i+len("::"):]
	}
	return name
}

// convertNote returns the cards of note n, the index in n.Cards of each,
// and a warning, or "":
//   - a cloze notetype: cloze cards of its first field (Text); the Back
//     Extra field, when not empty, ends each back;
//   - a notetype whose templates each show fields on the front and others
//     on the back (Basic, its reversed and optional-reversed kinds): the
//     front of a card is its template's front fields, the back the other
//     fields its answer shows, one per line; a template that asks what the
//     first one answers makes a reversed card;
//   - any other notetype: the first field is the front and the rest the
//     back, with a warning naming the notetype.
//
// A card with an empty front is dropped with a warning; an empty back is
// kept. Tags are the note's.
func convertNote(n *Note, image func(string) string) ([]srs.ImportCard, []int, string) {
	fields := make([]string, len(n.Fields))
	for i, f := range n.Fields {
		fields[i] = Markup(f, image)
	}
	field := func(i int) string {
		if i < len(fields) {
			return fields[i]
		}
		return ""
	}
	var warn string
	ours := deck.ValidID(n.GUID)
	out := make([]srs.ImportCard, 0, len(n.Cards))
	var from []int
	var clozes []deck.Card
	if n.Type.Cloze {
		clozes = deck.ClozeCards(field(0))
	}
	for j, c := range n.Cards {
		ic := srs.ImportCard{Card: deck.Card{ID: cardID(n, c), Kind: deck.KindQA, Section: n.Section, Tags: cleanTags(n.Tags, n.Section)}}
		if k := deck.Kind(n.Kind); k.Valid() && k != deck.KindCloze {
			ic.Card.Kind = k
		}
		switch {
		case n.Type.Cloze:
			k := slices.IndexFunc(clozes, func(d deck.Card) bool { return d.Cloze == c.Ord+1 })
			if k < 0 {
				warn = fmt.Sprintf("cloze %d has no deletion in the text; the card is left out", c.Ord+1)
				ic.Card.ID = ""
				break
			}
			cc := clozes[k]
			ic.Card.Kind, ic.Card.Front, ic.Card.Back, ic.Card.Cloze, ic.Card.Text = deck.KindCloze, cc.Front, cc.Back, cc.Cloze, cc.Text
			if extra := field(1); extra != "" {
				ic.Card.Back += "\n\n" + extra
			}
		default:
			front, back, reverse, ok := templateSides(n.Type, c.Ord)
			if !ok {
				warn = fmt.Sprintf("notetype %q is not a front-and-back or cloze type; its first field is the front and the rest the back", n.Type.Name)
				front, back, reverse = []int{0}, nil, false
				for i := 1; i < len(fields); i++ {
					back = append(back, i)
				}
			}
			ic.Card.Front, ic.Card.Back, ic.Card.Reverse = join(fields, front), join(fields, back), reverse
		}
		if ic.Card.ID == "" {
			continue
		}
		if strings.TrimSpace(ic.Card.Front) == "" {
			warn = fmt.Sprintf("card %d has an empty front; it is left out", c.Ord+1)
			continue
		}
		if !ours {
			ic.GUID = n.GUID
		}
		out = append(out, ic)
		from = append(from, j)
	}
	if len(out) > 1 || ours && len(out) == 1 && len(n.Cards) > 1 {
		note := out[0].Card.ID
		if ours {
			note = n.GUID
		}
		for i := range out {
			out[i].Card.Note = note
		}
	}
	return out, from, warn
}

// cleanTags returns the note's tags but "leech", which the collection
// keeps as a flag, and the tag export gives the section.
func cleanTags(tags []string, section string) []string {
	var out []string
	secTag := export.SectionTag(section)
	for _, t := range tags {
		if !strings.EqualFold(t, "leech") && (secTag == "" || t != secTag) {
			out = append(out, t)
		}
	}
	return out
}

// join returns the fields at idx that are not empty, one per line.
func join(fields []string, idx []int) string {
	var parts []string
	for _, i := range idx {
		if i < len(fields) && fields[i] != "" {
			parts = append(parts, fields[i])
		}
	}
	return strings.Join(parts, "\n")
}

// fieldRef matches a field reference of a template: {{Front}},
// {{text:Front}}, {{#Add Reverse}} and the like.
var fieldRef = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\{\{([#^/]?)([^{}]*)\}\}`) })

// templateSides returns the fields template ord of t shows on the front and
// those its answer adds, and whether the template asks what the first one
// answers (a reversed card). ok is false when either side shows no field.
func templateSides(t *Notetype, ord int) (front, back []int, reverse, ok bool) {
	if ord < 0 || ord >= len(t.Templates) {
		return nil, nil, false, false
	}
	refs := func(s string) []int {
		var out []int
		for _, m := range fieldRef().FindAllStringSubmatch(s, -1) {
			if m[1] != "" {
				continue // a condition shows nothing itself
			}
			name := m[2][strings.LastIndex(m[2], ":")+1:]
			if i := slices.Index(t.Fields, strings.TrimSpace(name)); i >= 0 && !slices.Contains(out, i) {
				out = append(out, i)
			}
		}
		return out
	}
	tm := t.Templates[ord]
	front = refs(tm.Q)
	for _, i := range refs(tm.A) {
		if !slices.Contains(front, i) {
			back = append(back, i)
		}
	}
	if len(front) == 0 || len(back) == 0 {
		return nil, nil, false, false
	}
	if ord > 0 {
		f0, b0, _, ok0 := templateSides(t, 0)
		reverse = ok0 && slices.Equal(front, b0) && slices.Equal(back, f0)
	}
	return front, back, reverse, true
}

// card returns what the note's data says of its card of template ord.
func (n *Note) card(ord int) noteCard {
	for _, c := range n.cards {
		if c.Ord == ord {
			return c
		}
	}
	return noteCard{}
}

// cardID returns the ID of card c of note n (see Package.Decks): for a
// note of spaced (its GUID in spaced's ID form), the ID its data gives the
// card's template number, else the GUID for its first card (the note's ID
// is its first card's); for any other card, its GUID and template number
// hashed.
func cardID(n *Note, c Card) string {
	if deck.ValidID(n.GUID) {
		if id := n.card(c.Ord).ID; deck.ValidID(id) {
			return id
		}
		first := c.Ord
		for _, o := range n.Cards {
			first = min(first, o.Ord)
		}
		if c.Ord == first {
			return n.GUID
		}
	}
	return deck.HashID("anki\x00" + n.GUID + "\x00" + strconv.Itoa(c.Ord))
}

// The bounds of the schedule Decks takes from a package; a value past one
// is clamped to it (a card due on no calendar day is due on the study day
// of the import, a review at such an instant is left out).
var (
	minDay     = srs.DayOf(1970, 1, 1)
	maxDay     = srs.DayOf(2899, 12, 31)
	maxInstant = maxDay.Time()
)

const (
	maxEF       = 1000 // E-Factor 10.00
	maxLapses   = 100_000
	maxDueDays  = 400_000 // days from the collection's creation
	maxFactorIn = 1 << 30 // an ease factor past it is read as maxEF
)

// clampDay returns d within the days a collection holds.
func clampDay(d srs.Day) srs.Day { return min(max(d, minDay), maxDay) }

// easeOf returns the E-Factor of Anki ease factor f (permille): f ÷ 10
// hundredths, within MinEF and maxEF.
func easeOf(f int) int {
	if f > maxFactorIn {
		return maxEF
	}
	return min(max(f/10, srs.MinEF), maxEF)
}

// schedule sets the state, suspension, burial and history of ic from Anki
// card c of a collection created on study day crt (see README, "Anki
// packages": the mapping).
//
// days, when it has a day for each review of the revlog (a package of
// spaced), gives their study days; otherwise a review's day is the day of
// its instant.
func schedule(ic *srs.ImportCard, c *Card, crt srs.Day, opt ConvertOptions, leech bool, days []string) {
	st := srs.NewState()
	if len(days) != len(c.Revlog) {
		days = nil
	}
	for i, l := range c.Revlog {
		q := Quality(l.Ease)
		if q < 0 || l.ID < 0 || l.ID > maxInstant.UnixMilli() {
			continue // a manual reschedule, or an instant no calendar holds
		}
		at := time.UnixMilli(l.ID).UTC()
		day := clampDay(opt.DayOf(at))
		if days != nil {
			if d, err := srs.ParseDay(days[i]); err == nil {
				day = d
			}
		}
		before := st
		if q >= srs.PassQuality {
			st.Repetitions++
		} else {
			st.Repetitions = 0
			st.Lapses++
		}
		if l.Factor > 0 {
			st.EF = easeOf(l.Factor)
		}
		st.Interval = min(max(l.Ivl, 1), srs.MaxInterval)
		st.Due, st.Last = day.Add(st.Interval), day
		st.Leech = st.Leech || st.Lapses >= srs.LeechLapses
		ic.History = append(ic.History, srs.ImportReview{At: at, Day: day, Quality: q, Before: before, After: st})
	}
	switch c.Queue {
	case queueSuspend:
		ic.Suspended = true
	case queueSibling, queueBuried:
		ic.BuriedUntil = opt.Today.Add(1)
	}
	if c.Type == typeNew {
		return // Anki's "forget" keeps the log of a card it made new again
	}
	reps := st.Repetitions
	if len(ic.History) == 0 {
		reps = 1
		if c.Ivl >= 6 {
			reps = 2
		}
	}
	ic.State = srs.State{Repetitions: reps, EF: srs.InitialEF, Interval: min(max(c.Ivl, 1), srs.MaxInterval),
		Lapses: min(max(c.Lapses, 0), maxLapses)}
	if c.Factor > 0 {
		ic.State.EF = easeOf(c.Factor)
	}
	switch {
	case c.Due > 1_000_000_000 && c.Due <= int(maxInstant.Unix()): // a learning card: due at an instant
		ic.State.Due = clampDay(opt.DayOf(time.Unix(int64(c.Due), 0)))
	case c.Due >= -maxDueDays && c.Due <= maxDueDays:
		ic.State.Due = clampDay(crt.Add(c.Due))
	default: // no day a calendar holds: due now
		ic.State.Due = opt.Today
	}
	ic.State.Last = clampDay(ic.State.Due.Add(-ic.State.Interval))
	if len(ic.History) > 0 {
		ic.State.Last = st.Last
	}
	ic.State.Leech = leech || ic.State.Lapses >= srs.LeechLapses
}
