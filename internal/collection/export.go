package collection

import (
	"errors"
	"io/fs"

	"spaced/deck"
	"spaced/export"
	"spaced/srs"
)

// ErrNoCards: the selection gives no card to export.
var ErrNoCards = errors.New("no cards to export")

// Selection says which cards an export writes.
type Selection struct {
	Sources []*deck.Deck // the decks of the SOURCE files; none: the collection's
	DB      string       // the path of the collection
	Filter  deck.Filter
	// Weak asks for the cards the collection rates hard on study day Day,
	// hardest first (srs.Store.Weak), instead of all, in deck order.
	Weak bool
	Day  srs.Day
	// KeepItems asks ExportCards for the collection's cards the cards to
	// export are made from.
	KeepItems bool
}

// ExportCards returns the cards of sel: from its Sources when there are
// some, else from the collection at DB (opened read-only), else, when
// there is no collection or it has no deck, from the built-in deck, which
// is not added. Weak reads the collection only. A selection without a card
// gives ErrNoCards. With KeepItems, the collection's cards are returned
// too, in the order of the cards (nil when none were read).
func ExportCards(sel Selection) ([]export.Card, []srs.Item, error) {
	decks := sel.Sources
	var cards []export.Card
	var items []srs.Item
	if len(decks) == 0 {
		var err error
		if items, err = collectionItems(sel); err != nil {
			return nil, nil, err
		}
		if items == nil && !sel.Weak {
			path, src := deck.Builtin()
			d, _, err := deck.Compile(path, src, deck.Options{})
			if err != nil {
				return nil, nil, err
			}
			decks = append(decks, d)
		}
		cards = make([]export.Card, 0, len(items))
		for i := range items {
			it := &items[i]
			cards = append(cards, export.Card{Card: it.Card, Deck: it.Deck, Leech: it.State.Leech, Source: it.Source, GUID: it.GUID})
		}
	}
	for _, d := range decks {
		for i := range d.Cards {
			if sel.Filter.Match(d.Name, &d.Cards[i]) {
				cards = append(cards, export.Card{Card: d.Cards[i], Deck: d.Name, Source: d.Source})
			}
		}
	}
	if len(cards) == 0 {
		return nil, nil, ErrNoCards
	}
	if !sel.KeepItems || len(items) == 0 {
		items = nil
	}
	return cards, items, nil
}

// collectionItems returns the cards of the collection sel selects; nil,
// without an error, when there is no collection or it has no deck.
func collectionItems(sel Selection) ([]srs.Item, error) {
	s, err := Open(sel.DB, false)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer s.Close()
	if empty, err := s.Empty(); err != nil || empty {
		return nil, err
	}
	var items []srs.Item
	if sel.Weak {
		items, err = s.Weak(sel.Filter, sel.Day)
	} else {
		items, err = s.Cards(sel.Filter, false)
	}
	if err == nil && items == nil {
		items = []srs.Item{}
	}
	return items, err
}
