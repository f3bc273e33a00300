// Package deck turns course chapters into flashcard decks and reads and writes
// the deck file.
//
// A chapter is a scraped web page saved as text, Markdown notes or an HTML page.
// Compile finds the cards in it (questions and answers, scenarios, definitions,
// the steps of a named list, tips), gives each a stable ID and returns a Deck.
// A Deck is written to and read from the deck file, a Markdown file a person can
// read, edit and diff (see Write and Read).
//
// The package never prints, exits or reads the clock or the environment.
package deck

import "strings"

// Kind says what shape of card a card is.
type Kind string

// The kinds of card.
const (
	KindQA         Kind = "qa"         // a question and its answer
	KindScenario   Kind = "scenario"   // a scenario question and how to answer it
	KindDefinition Kind = "definition" // a term and its meaning
	KindStep       Kind = "step"       // one item of a named ordered list
	KindOther      Kind = "other"      // tips and anything else worth a card
	KindCloze      Kind = "cloze"      // a text with one of its deletions hidden
)

// Kinds lists every kind in the order the documentation gives them.
var Kinds = []Kind{KindQA, KindScenario, KindDefinition, KindStep, KindOther, KindCloze}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool {
	for _, v := range Kinds {
		if k == v {
			return true
		}
	}
	return false
}

// Card is one flashcard.
//
// Front and Back hold text in a small Markdown subset: *em*, **strong**,
// `code` and line breaks ("\n"). Neither is empty in a compiled or read card.
// Tags never contain white space. Line is the 1-based line of the card in its
// source: the chapter for a compiled card, the deck file (the card's "###"
// heading) for a card read from one.
type Card struct {
	ID      string   `json:"id"`
	Kind    Kind     `json:"kind"`
	Front   string   `json:"front"`
	Back    string   `json:"back"`
	Section string   `json:"section"`
	Tags    []string `json:"tags"`
	Line    int      `json:"line"`

	// A note gives several cards: a cloze text one per cloze number, a
	// two-way fact one per direction. Note is the ID of the note's first
	// card (its GUID in Anki) on each of them, "" for a card alone.
	Note string `json:"note,omitempty"`
	// Cloze is the number of the deletion a cloze card hides (1 for
	// {{c1::…}}), and Text the note's text in Anki's cloze syntax, from
	// which Front and Back are made (ClozeCards).
	Cloze int    `json:"cloze,omitempty"`
	Text  string `json:"text,omitempty"`
	// Reverse marks the card of a two-way note that asks back to front.
	Reverse bool `json:"reverse,omitempty"`

	link noteLink // where the card stands in its note, until linkNotes sets Note
}

// noteLink says where a card stands in a note of several cards.
type noteLink uint8

const (
	alone    noteLink = iota // a card that is its own note
	noteHead                 // the first card of a note
	sibling                  // a later card of the note before it
)

// Deck is a named list of cards in source order.
//
// Name may hold an Anki-style "::" hierarchy ("Serverless Architecture::Chapter 20").
// Source is the path of the chapter as it was given to Compile.
type Deck struct {
	Name   string `json:"name"`
	Title  string `json:"title"`
	Source string `json:"source"`
	Cards  []Card `json:"cards"`
	// Reverse, set by a deck file's "reverse: yes" line, gives every card
	// of the file that is not a cloze card a reversed card as well.
	Reverse bool `json:"reverse,omitempty"`
}

// cleanControls returns s without control characters: C0 but for line
// breaks and tabs (a tab becomes a space), DEL and C1. A chapter cannot put
// a terminal escape, a bell or a NUL into a card. It returns s itself when
// there is nothing to remove.
func cleanControls(s string) string {
	if !hasControl(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t':
			b.WriteByte(' ')
		case isControl(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isControl reports whether r is a C0 control, DEL or a C1 control.
func isControl(r rune) bool { return r < 0x20 || r >= 0x7f && r < 0xa0 }

// hasControl reports whether s holds a control other than a line break.
func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' || c == 0x7f || c == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] < 0xa0 {
			return true
		}
	}
	return false
}

// clean removes the control characters from the text of d and its cards.
func (d *Deck) clean() {
	d.Name, d.Title = strings.TrimSpace(cleanControls(d.Name)), strings.TrimSpace(cleanControls(d.Title))
	for i := range d.Cards {
		c := &d.Cards[i]
		c.Front, c.Back, c.Section, c.Text = cleanControls(c.Front), cleanControls(c.Back), strings.TrimSpace(cleanControls(c.Section)), cleanControls(c.Text)
		for j, t := range c.Tags {
			c.Tags[j] = cleanControls(t)
		}
	}
}
