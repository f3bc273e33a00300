package deck

import "strings"

// Filter selects cards by deck, tag and section. A zero Filter selects every
// card.
type Filter struct {
	// Deck selects the decks whose name starts with it ("AWS" selects
	// "AWS", "AWS::Lambda" and "AWS Certified"), or, when it holds "*" or
	// "?", whose whole name matches it as a glob ("SAA*", "*::Part ?"),
	// ignoring case.
	Deck string
	// Grep selects cards whose front or back contains it, ignoring case.
	Grep string
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
	if f.Deck != "" && !f.MatchDeck(deckName) {
		return false
	}
	if f.Grep != "" && !containsFold(c.Front, f.Grep) && !containsFold(c.Back, f.Grep) {
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
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) ||
		strings.HasPrefix(strings.ToLower(s), strings.ToLower(prefix))
}

// MatchDeck reports whether the deck named name passes f's Deck.
func (f Filter) MatchDeck(name string) bool {
	if f.Deck == "" {
		return true
	}
	if strings.ContainsAny(f.Deck, "*?") {
		return glob([]rune(strings.ToLower(f.Deck)), []rune(strings.ToLower(name)))
	}
	return hasPrefixFold(name, f.Deck)
}

// glob reports whether s matches the pattern p, where "*" matches any run
// of characters and "?" any one.
func glob(p, s []rune) bool {
	for len(p) > 0 {
		switch p[0] {
		case '*':
			for i := len(s); i >= 0; i-- {
				if glob(p[1:], s[i:]) {
					return true
				}
			}
			return false
		case '?':
			if len(s) == 0 {
				return false
			}
		default:
			if len(s) == 0 || s[0] != p[0] {
				return false
			}
		}
		p, s = p[1:], s[1:]
	}
	return len(s) == 0
}

// containsFold reports whether s contains sub, ignoring case.
func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}
