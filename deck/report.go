package deck

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// WriteReport writes the report of compile --report: the total and per-kind counts,
// then each section in chapter order with the number of cards of each kind
// and, under it, every card-like line skipped there with its reason. A
// skipped line belongs to the section of the last card at or above it;
// lines above the first card come first. d may be nil (no cards found).
func WriteReport(w io.Writer, d *Deck, warnings []Warning) {
	type group struct {
		name  string
		start int // line of its first card
		kinds map[Kind]int
		warns []Warning
	}
	var groups []*group
	total := map[Kind]int{}
	source, n := "", 0
	if d != nil {
		source, n = d.Source, len(d.Cards)
		for _, c := range d.Cards {
			if len(groups) == 0 || groups[len(groups)-1].name != c.Section {
				groups = append(groups, &group{name: c.Section, start: c.Line, kinds: map[Kind]int{}})
			}
			groups[len(groups)-1].kinds[c.Kind]++
			total[c.Kind]++
		}
	}
	var before []Warning
	warnings = slices.Clone(warnings)
	slices.SortStableFunc(warnings, func(a, b Warning) int { return a.Line - b.Line })
	for _, wn := range warnings {
		var g *group
		for _, cand := range groups {
			if cand.start <= wn.Line {
				g = cand
			}
		}
		if g == nil {
			before = append(before, wn)
			continue
		}
		g.warns = append(g.warns, wn)
	}
	kinds := func(m map[Kind]int) string {
		var parts []string
		for _, k := range Kinds {
			if m[k] > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", m[k], k))
			}
		}
		if len(parts) == 0 {
			return "no cards"
		}
		return strings.Join(parts, ", ")
	}
	lines := "lines"
	if len(warnings) == 1 {
		lines = "line"
	}
	if source != "" {
		cards := "cards"
		if n == 1 {
			cards = "card"
		}
		fmt.Fprintf(w, "report: %s: %d %s (%s), %d %s skipped\n", source, n, cards, kinds(total), len(warnings), lines)
	} else {
		fmt.Fprintf(w, "report: no cards, %d %s skipped\n", len(warnings), lines)
	}
	skipped := func(ws []Warning) {
		for _, wn := range ws {
			fmt.Fprintf(w, "report:     skipped line %d: %s\n", wn.Line, wn.Msg)
		}
	}
	skipped(before)
	for _, g := range groups {
		name := g.name
		if name == "" {
			name = "(no section)"
		}
		fmt.Fprintf(w, "report:   %s: %s\n", name, kinds(g.kinds))
		skipped(g.warns)
	}
}
