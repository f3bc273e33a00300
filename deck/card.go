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

// Kind says what shape of card a card is.
type Kind string

// The kinds of card.
const (
	KindQA         Kind = "qa"         // a question and its answer
	KindScenario   Kind = "scenario"   // a scenario question and how to answer it
	KindDefinition Kind = "definition" // a term and its meaning
	KindStep       Kind = "step"       // one item of a named ordered list
	KindOther      Kind = "other"      // tips and anything else worth a card
)

// Kinds lists every kind in the order the documentation gives them.
var Kinds = []Kind{KindQA, KindScenario, KindDefinition, KindStep, KindOther}

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
}

// Deck is a named list of cards in source order.
//
// Name may hold an Anki-style "::" hierarchy ("Serverless Architecture::Chapter 20").
// Source is the path of the chapter as it was given to Compile.
type Deck struct {
	Name   string `json:"name"`
	Title  string `json:"title"`
	Source string `json:"source"`
	Cards  []Card `json:"cards"`
}
