package deck

import "testing"

func TestFilterMatch(t *testing.T) {
	card := &Card{Front: "What is a Cold Start?", Back: "The first call's *delay*.", Section: "Part 1: Core", Tags: []string{"section::part-1", "Été"}}
	for _, tc := range []struct {
		f    Filter
		deck string
		want bool
	}{
		{Filter{}, "Anything", true},
		{Filter{Deck: "AWS"}, "AWS", true},
		{Filter{Deck: "aws"}, "AWS::Lambda", true},
		{Filter{Deck: "SAA"}, "SAA-C03 — Solutions Architect", true},
		{Filter{Deck: "SAA"}, "Practice SAA", false},
		{Filter{Deck: "saa*"}, "SAA-C03 — Solutions Architect", true},
		{Filter{Deck: "*architect"}, "SAA-C03 — Solutions Architect", true},
		{Filter{Deck: "*::Part ?"}, "K8s::Part 3", true},
		{Filter{Deck: "*::Part ?"}, "K8s::Part 12", false},
		{Filter{Deck: "Ét*"}, "été notes", true},
		{Filter{Grep: "cold start"}, "D", true},
		{Filter{Grep: "DELAY"}, "D", true},
		{Filter{Grep: "warm"}, "D", false},
		{Filter{Section: "core"}, "D", true},
		{Filter{Tag: "section"}, "D", true},
		{Filter{Tag: "été"}, "D", true},
		{Filter{Tag: "sect"}, "D", false},
		{Filter{Deck: "AWS", Grep: "cold"}, "Azure", false},
	} {
		if got := tc.f.Match(tc.deck, card); got != tc.want {
			t.Errorf("%+v.Match(%q) = %v, want %v", tc.f, tc.deck, got, tc.want)
		}
	}
}
