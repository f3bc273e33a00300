// Package export writes decks for other programs: a CSV file that Anki
// imports (AnkiCSV) and printable PDF cheat sheets and cut-out cards.
//
// Exporters take an io.Writer and the cards to write; review state arrives as
// plain values in Card, never as a collection. The package never prints,
// exits or reads the clock or the environment.
package export

import (
	"path/filepath"
	"spaced/deck"
)

// Card is a card to export: the card itself, the name of its deck (with "::"
// hierarchy) and what the collection knows of it (zero values for a card
// read from a source file).
type Card struct {
	deck.Card
	Deck  string // deck name, "Serverless Architecture::Chapter 20"
	Leech bool   // the collection flags the card a leech
	// Source is the chapter (or deck file) the card came from: the paths
	// of its images are relative to its folder.
	Source string
	// GUID is the Anki GUID of the card's note when it came from a note
	// made in Anki, "" when the note's ID is its GUID.
	GUID string
}

// ImagePath returns the file of image path (as a card's markup gives it)
// of card c: relative to the folder of c's source.
func (c *Card) ImagePath(path string) string {
	if filepath.IsAbs(path) || c.Source == "" {
		return path
	}
	return filepath.Join(filepath.Dir(c.Source), path)
}
