package deck

import "strings"

// headingShape is what headings of one kind share: rank, and whether they
// are numbered.
type headingShape struct {
	level    int
	numbered bool
}

func shapeOf(h block) headingShape {
	_, num := questionLead(strings.TrimSpace(h.text))
	return headingShape{level: int(h.level), numbered: num > 0}
}

// dominance finds the heading shapes whose headings are mostly prompts (at
// least three, and at least two thirds of them, not counting the sections
// that hold no cards), and whether most top-level numbered list items ask.
func (f *finder) dominance(bs []block) {
	type count struct{ all, asks int }
	counts := map[headingShape]*count{}
	items := count{}
	for _, b := range bs {
		switch b.kind {
		case blockHeading:
			name := cleanHeading(b.text)
			if b.inferred || closingHeading(name) || keySection(name) || contentsSection.MatchString(name) || answerLabel(name) {
				continue
			}
			s := shapeOf(b)
			c := counts[s]
			if c == nil {
				c = &count{}
				counts[s] = c
			}
			c.all++
			if _, _, st := headingAsk(b.text); st > askNone {
				c.asks++
			}
		case blockList:
			if !b.ordered {
				continue
			}
			for _, it := range b.items {
				if len(it.blocks) == 0 || it.blocks[0].kind != blockPara {
					continue
				}
				items.all++
				if itemAsks(it) {
					items.asks++
				}
			}
		}
	}
	for s, c := range counts {
		if c.asks >= 3 && 3*c.asks >= 2*c.all {
			if f.promptShapes == nil {
				f.promptShapes = map[headingShape]bool{}
			}
			f.promptShapes[s] = true
		}
	}
	f.itemPrompts = items.asks >= 3 && 3*items.asks >= 2*items.all
}

// termRuns marks the terms of glossary pages: three or more top-level headings in a row
// (label headings with nothing under them may stand between) that are
// terms, each over a single definition paragraph. Only inferred headings,
// and the sub-headings of a glossary section, can be such terms.
func (f *finder) termRuns(bs []block) {
	var run []int
	flush := func() {
		if len(run) >= 3 {
			for _, i := range run {
				bs[i].role = roleTerm
			}
		}
		run = run[:0]
	}
	titled := false
	for i := 0; i < len(bs); i++ {
		if bs[i].kind != blockHeading {
			continue
		}
		if bs[i].inferred && !titled {
			// The first heading a page saved as text shows is its title.
			titled = true
			bs[i].role = roleTitle
			continue
		}
		j := i + 1
		for j < len(bs) && bs[j].kind != blockHeading && bs[j].kind != blockRule {
			j++
		}
		switch body := bs[i+1 : j]; {
		case len(body) == 0 && bs[i].inferred:
			// A label between terms.
		case len(body) == 1 && bs[i].inferred && termLike(bs[i].text) && body[0].kind == blockPara && definitionText(renderLines(body[0].lines, body[0].hard)):
			run = append(run, i)
		default:
			flush()
		}
	}
	flush()
	// A term line with its definition on the next line, pairs between blank
	// lines: "10.0.0.0/8" / "from 10.0.0.0 to 10.255.255.255".
	for i := 0; i+1 < len(bs); {
		if !linePair(bs, i) {
			i++
			continue
		}
		j := i
		for j+1 < len(bs) && linePair(bs, j) {
			j += 2
		}
		if (j-i)/2 >= 3 {
			for k := i; k < j; k += 2 {
				bs[k].role = rolePair
			}
		}
		i = j
	}
	// The same written without blank lines: term, definition, term, …
	for i := 0; i+1 < len(bs); {
		j := i
		for j+1 < len(bs) && tightPair(bs, j, j == i) {
			j += 2
		}
		if (j-i)/2 >= 3 {
			for k := i; k < j; k += 2 {
				bs[k].role = rolePair
			}
		}
		i = max(j, i+1)
	}
	var lines []int
	flushLines := func() {
		if len(lines) >= 3 && !flow(bs, lines) {
			for _, i := range lines {
				bs[i].role = roleTerm
			}
		}
		lines = lines[:0]
	}
	for i := range bs {
		if colonLine(bs[i]) {
			lines = append(lines, i)
		} else {
			flushLines()
		}
	}
	flushLines()
}

// definitionText reports whether t can define a term: it reads as a
// definition (defLike) and does not open with a verb of an instruction
// ("Use the outline to …", "Search lessons …"), as the text under a
// widget's label does.
func definitionText(t string) bool {
	if !defLike(t) {
		return false
	}
	w, _, _ := strings.Cut(t, " ")
	return !strings.Contains(procedureVerbs+"search see find join follow view ", " "+strings.ToLower(w)+" ")
}

// linePair reports whether bs[i] and bs[i+1] are a term line and its
// definition: one-line paragraphs, the first after a blank line and
// term-like, the second right under it and definition-like, a blank line
// after it.
func linePair(bs []block, i int) bool {
	a, b := &bs[i], &bs[i+1]
	if !a.oneLine() || !b.oneLine() || a.tight || !b.tight || i+2 < len(bs) && bs[i+2].tight {
		return false
	}
	return termLike(a.lines[0]) && defLike(b.lines[0])
}

// tightPair reports whether bs[i] and bs[i+1] are a term line and its
// definition line with no blank line between them or, unless first, before
// them: the term no definition, the definition one.
func tightPair(bs []block, i int, first bool) bool {
	a, b := &bs[i], &bs[i+1]
	if !a.oneLine() || !b.oneLine() || a.role != roleNone || !b.tight || !first && !a.tight {
		return false
	}
	return termLike(a.lines[0]) && !defLike(a.lines[0]) && defLike(b.lines[0])
}

// flow reports whether the lines at bs[lines] are the steps of a flow
// drawn with arrows rather than terms: most of their right sides open with
// the same word ("S3 upload → Lambda resizes the image", "API Gateway →
// Lambda serves …").
func flow(bs []block, lines []int) bool {
	count := map[string]int{}
	arrows := 0
	for _, i := range lines {
		l := bs[i].lines[0]
		_, right, ok := strings.Cut(l, "→")
		if !ok {
			_, right, ok = strings.Cut(l, "->")
		}
		if !ok || strings.Contains(l, ": ") {
			continue
		}
		arrows++
		if w := strings.Fields(right); len(w) > 1 {
			count[w[0]]++
		}
	}
	for _, n := range count {
		if 2*n > len(lines) {
			return true
		}
	}
	return false
}

// colonLine reports whether b is a one-line paragraph "Term: definition"
// with a term of at most six words that is no metadata key, question,
// answer or scenario.
func colonLine(b block) bool {
	if !b.oneLine() {
		return false
	}
	l := b.lines[0]
	i := -1
	for _, sep := range []string{": ", "：", " – ", " — ", " → "} {
		if j := strings.Index(l, sep); j > 0 && (i < 0 || j < i) {
			i = j
		}
	}
	if i <= 0 || i > 80 || strings.Count(l[:i], " ") > 5 {
		return false
	}
	if qMarked(bareText(head(l))) || scenarioLead.MatchString(head(l)) || answerHead.MatchString(bareText(head(l))) {
		return false
	}
	if loc := answerMarkerIndex(head(l)); loc != nil && loc[0] == 0 {
		return false
	}
	term, _, ok := splitTerm(l, true)
	return ok && len(strings.Fields(term)) <= 6 && !metaTerm.MatchString(bareText(term))
}
