package export

import (
	"strings"

	"spaced/deck"
)

// AnkiNote is one note as Anki stores it, made from the cards of a note
// (AnkiNotes): the fields and tags hold what AnkiCSV would write in its row.
type AnkiNote struct {
	ID       string // the note's ID: its first card's
	GUID     string // its ID, or the GUID of a note made in Anki
	Deck     string // "::" hierarchy, the deck and tag characters Anki would run removed
	Notetype string // AnkiBasic, AnkiBasicReversed or AnkiCloze
	// Fields are the HTML of Front and Back, or of a cloze note's Text and
	// Back Extra (always empty).
	Fields [2]string
	Tags   []string
	// Kind, Section and Line are those of the note's first card, which a
	// package keeps for spaced to read back.
	Kind    deck.Kind
	Section string
	Line    int
	// Cards are the note's cards among those given, each with the number
	// of the template that makes it in Anki (its ord): 0 for a card alone
	// and the forward card of a two-way note, 1 for the reversed card, the
	// cloze number less one for a cloze card.
	Cards []AnkiCard
}

// AnkiCard is one card of an AnkiNote.
type AnkiCard struct {
	*Card
	Ord int
}

// AnkiNotes returns the notes of cards, each once, in the order of their
// first card, with their cards (see AnkiNote). It refuses what AnkiCSV
// refuses, naming the card: a malformed or repeated ID, a blank front, text
// that is not UTF-8, a tag with white space, a deck name Anki cannot use.
// opt.Notetype and opt.Reverse are not used: a package holds its own
// notetypes. opt.Media names the images.
func AnkiNotes(cards []Card, opt AnkiOptions) ([]AnkiNote, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	if err := checkAnkiCards(cards, opt); err != nil {
		return nil, err
	}
	aw := ankiWriter{media: opt.Media}
	rows := noteRows(cards)
	index := make(map[string]int, len(rows)) // note ID → index in out
	out := make([]AnkiNote, 0, len(rows))
	for i := range rows {
		c := &rows[i].card
		aw.card = c
		n := AnkiNote{ID: c.ID, GUID: c.ID, Notetype: AnkiBasic, Kind: c.Kind, Section: c.Section, Line: c.Line}
		if c.GUID != "" {
			n.GUID = c.GUID
		}
		switch {
		case c.Kind == deck.KindCloze:
			n.Notetype = AnkiCloze
		case rows[i].twoWay:
			n.Notetype = AnkiBasicReversed
		}
		deckName := opt.Deck
		if deckName == "" {
			deckName = c.Deck
		}
		n.Deck = string(appendPlain(nil, deckName))
		n.Fields[0] = string(aw.appendHTML(nil, c.Front))
		n.Fields[1] = string(aw.appendHTML(nil, c.Back))
		if tags := string(aw.appendTags(nil, c)); tags != "" {
			n.Tags = strings.Fields(tags)
		}
		index[c.ID] = len(out)
		out = append(out, n)
	}
	for i := range cards {
		c := &cards[i]
		note := c.Note
		if note == "" {
			note = c.ID
		}
		n := &out[index[note]]
		ord := 0
		switch {
		case c.Kind == deck.KindCloze:
			ord = max(c.Cloze, 1) - 1
		case c.Reverse:
			ord = 1
		}
		n.Cards = append(n.Cards, AnkiCard{Card: c, Ord: ord})
	}
	return out, nil
}
