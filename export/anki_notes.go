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

// AnkiNotes returns the notes of cards (EachAnkiNote) in a slice.
func AnkiNotes(cards []Card, opt AnkiOptions) ([]AnkiNote, error) {
	var out []AnkiNote
	err := EachAnkiNote(cards, opt, func(n *AnkiNote) error {
		out = append(out, *n)
		return nil
	})
	return out, err
}

// EachAnkiNote calls fn with each note of cards, once, in the order of its
// first card, with its cards (see AnkiNote); the note is fn's until it
// returns. An error from fn ends the walk and is returned. Before the
// first note it refuses what AnkiCSV refuses, naming the card: a malformed
// or repeated ID, a blank front, text that is not UTF-8, a tag with white
// space, a deck name Anki cannot use. opt.Notetype and opt.Reverse are not
// used: a package holds its own notetypes. opt.Media names the images.
// Memory does not grow with the cards but for the notes of several cards.
func EachAnkiNote(cards []Card, opt AnkiOptions, fn func(*AnkiNote) error) error {
	if err := opt.Validate(); err != nil {
		return err
	}
	if err := checkAnkiCards(cards, opt); err != nil {
		return err
	}
	members := map[string][]AnkiCard{} // the cards of each note of several
	for i := range cards {
		if c := &cards[i]; c.Note != "" {
			members[c.Note] = append(members[c.Note], AnkiCard{Card: c, Ord: ankiOrd(c)})
		}
	}
	aw := ankiWriter{media: opt.Media}
	done := make(map[string]bool, len(members))
	var n AnkiNote
	for i := range cards {
		head := &cards[i]
		if head.Note != "" {
			if done[head.Note] {
				continue
			}
			done[head.Note] = true
		}
		c := noteRowOf(head).card
		aw.card = &c
		n = AnkiNote{ID: c.ID, GUID: c.ID, Notetype: AnkiBasic, Kind: c.Kind, Section: c.Section, Line: c.Line}
		if c.GUID != "" {
			n.GUID = c.GUID
		}
		switch {
		case c.Kind == deck.KindCloze:
			n.Notetype = AnkiCloze
		case head.Note != "":
			n.Notetype = AnkiBasicReversed
		}
		deckName := opt.Deck
		if deckName == "" {
			deckName = c.Deck
		}
		n.Deck = string(appendPlain(nil, deckName))
		n.Fields[0] = string(aw.appendHTML(nil, c.Front))
		n.Fields[1] = string(aw.appendHTML(nil, c.Back))
		if tags := string(aw.appendTags(nil, &c)); tags != "" {
			n.Tags = strings.Fields(tags)
		}
		if n.Cards = members[head.Note]; head.Note == "" {
			n.Cards = []AnkiCard{{Card: head, Ord: ankiOrd(head)}}
		}
		if err := fn(&n); err != nil {
			return err
		}
	}
	return nil
}

// ankiOrd returns the number of the template that makes card c in Anki.
func ankiOrd(c *Card) int {
	switch {
	case c.Kind == deck.KindCloze:
		return max(c.Cloze, 1) - 1
	case c.Reverse:
		return 1
	}
	return 0
}
