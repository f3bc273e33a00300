package main

import (
	"bytes"
	"fmt"

	"spaced/deck"
	"spaced/internal/files"
)

// loadDeck returns the deck in the file at path: a deck file is read as it is,
// anything else is compiled as a chapter (name, when not empty, names the
// deck). Compile warnings are printed as they are found.
func (a *app) loadDeck(path, name string) (*deck.Deck, error) {
	src, err := files.Read(path)
	if err != nil {
		return nil, err
	}
	return a.parseDeck(path, src, name)
}

// parseDeck is loadDeck for bytes already read.
func (a *app) parseDeck(path string, src []byte, name string) (*deck.Deck, error) {
	if deck.IsDeckFile(src) {
		d, err := deck.Read(bytes.NewReader(src))
		if err != nil {
			return nil, fmt.Errorf("%s:%w", path, err)
		}
		if name != "" {
			d.Name = name
		}
		return d, nil
	}
	d, warnings, err := deck.Compile(path, src, deck.Options{Name: name})
	for _, w := range warnings {
		a.warnf("%s:%d: %s", path, w.Line, w.Msg)
	}
	if err != nil {
		return nil, err
	}
	return d, nil
}

// builtinDeck compiles the chapter that ships with the program.
func (a *app) builtinDeck() (*deck.Deck, error) {
	path, src := deck.Builtin()
	return a.parseDeck(path, src, "")
}
