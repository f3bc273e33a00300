package deck

import "strings"

// Filter selects cards by deck, tag and section. A zero Filter selects every
// card.
type Filter struct {
	// Deck selects the deck of this name and its children ("AWS" selects
	// "AWS" and "AWS::Lambda"), ignoring case.
	Deck string
	// Tag selects cards with this tag or a child of it ("section" selects
	// "section::roadmap"), ignoring case.
	Tag string
	// Section selects cards whose section contains this text, ignoring case.
	Section string
}

// IsZero reports whether f selects every card.
func (f Filter) IsZero() bool { return f == Filter{} }

// Match reports whether the card c of the deck named deckName passes f.
func (f Filter) Match(deckName string, c *Card) bool {
	if f.Deck != "" && !strings.EqualFold(deckName, f.Deck) && !hasPrefixFold(deckName, f.Deck+"::") {
		return false
	}
	if f.Section != "" && !strings.Contains(strings.ToLower(c.Section), strings.ToLower(f.Section)) {
		return false
	}
	if f.Tag != "" {
		found := false
		for _, t := range c.Tags {
			if strings.EqualFold(t, f.Tag) || hasPrefixFold(t, f.Tag+"::") {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
