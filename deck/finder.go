package deck

import (
	"hash/maphash"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// The card finder reads the blocks of a document, whatever its format. A
// card is a prompt and its answer:
//
//   - A prompt is a heading, a <summary>, a paragraph's first line, a list
//     item's first paragraph, or a callout's title that asks (prompt.go),
//     or a term in a glossary position (definition.go).
//   - Its answer is what follows it, up to the next prompt of the same or a
//     higher rank: for a heading, the next heading of its level or above
//     (the sub-headings, tables, code and lists under it belong to it); for a
//     paragraph or a list item, the next prompt, heading or rule. Answer
//     labels ("#### Answer:", "Correct Answer", "Explanation") stay inside
//     the answer; what an "Incorrect Answer" label introduces is dropped.
//   - The finder decides per document which prompts dominate: when most
//     headings of one shape (rank, numbered or not) are prompts, the others
//     of that shape are prompts too ("### 4. Explain the lifecycle." among
//     "### 3. What is …?"); a heading over prompts of its own is a section,
//     not a prompt; a table under a weak prompt that is only a caption
//     ("Lambda vs EC2 — Cost Comparison") gives a card per row.
//
// Headings that are no prompts name the section of the cards under them.
// Sections that hold no cards (chrome.go), site chrome and the blocks of
// answer keys give none.

// finder holds the state of one search for cards.
type finder struct {
	ch       chapter
	section  string
	level    int  // heading rank of the section, 0 before any heading
	skip     bool // the section holds no cards
	tips     bool // its bullets are tips
	glossary bool // its sub-headings are terms
	contents bool // the section is a table of contents
	// before and beforeLevel are the section a table of contents
	// interrupted.
	before      string
	beforeLevel int
	key         map[int]keyEntry
	// promptShapes are the heading shapes whose headings are prompts.
	promptShapes map[headingShape]bool
	// itemPrompts: most top-level numbered list items of the document ask,
	// so every one with an answer is a prompt.
	itemPrompts bool
	// lead is the text of the last paragraph read at the top level: it may
	// name the list after it ("Here is the path to get there:").
	lead string
	// seen maps a hash of the front and back of every card so far to the
	// first card of that hash, to drop exact duplicates (a hash takes less
	// room than both texts); seenMore holds the texts of the later cards
	// whose hash an earlier, different card has.
	seen     map[uint64]int
	seenMore map[[2]string]bool
	seed     maphash.Seed
	// noChoiceUntil is the index of the first block that may start a
	// multiple-choice run: the blocks before it were found to hold no
	// options.
	noChoiceUntil int
}

// find returns the cards of document d.
func find(d document) chapter {
	bs := numberedParas(dropChrome(expandParas(d.blocks), d.text))
	checkBoxes(bs)
	f := &finder{}
	f.ch.name, f.ch.title = d.name, d.title
	if !d.text {
		for _, b := range bs {
			if b.kind == blockHeading && b.level == 1 {
				f.ch.title = bareText(b.text)
				break
			}
		}
	}
	f.findKey(bs)
	f.dominance(bs)
	f.termRuns(bs)
	// The walk reads forward only: each block it leaves behind is cleared,
	// so that a long chapter's text is held once, by its cards or its
	// blocks, not by both.
	for i := 0; i < len(bs); {
		j := f.block(bs, i)
		clear(bs[i:j])
		i = j
	}
	return f.ch
}

func (f *finder) add(c Card) {
	// Entities decoded from HTML may spell a character in parts: NFC again.
	c.Front, c.Back = norm.NFC.String(strings.TrimSpace(c.Front)), norm.NFC.String(strings.TrimSpace(c.Back))
	if c.Front == "" || c.Back == "" {
		return
	}
	c.Section = norm.NFC.String(f.section)
	if f.seen == nil {
		f.seen, f.seed = map[uint64]int{}, maphash.MakeSeed()
	}
	k := [2]string{c.Front, c.Back}
	h := maphash.Comparable(f.seed, k)
	if i, ok := f.seen[h]; !ok {
		f.seen[h] = len(f.ch.cards)
	} else if first := &f.ch.cards[i]; first.Front == c.Front && first.Back == c.Back || f.seenMore[k] {
		f.note(c.Line, "the same card as an earlier one; skipped")
		return
	} else {
		if f.seenMore == nil {
			f.seenMore = map[[2]string]bool{}
		}
		f.seenMore[k] = true
	}
	f.ch.cards = append(f.ch.cards, c)
}

// note records a card-like block that was skipped on purpose, for
// --report.
func (f *finder) note(line int, msg string) {
	f.ch.warnings = append(f.ch.warnings, Warning{Line: line, Msg: msg, Note: true})
}

func (f *finder) warn(line int, msg string) {
	f.ch.warnings = append(f.ch.warnings, Warning{Line: line, Msg: msg})
}

// findKey reads the answer-key sections of bs.
func (f *finder) findKey(bs []block) {
	for i := 0; i < len(bs); i++ {
		if bs[i].kind != blockHeading || !keySection(cleanHeading(bs[i].text)) {
			continue
		}
		for j := i + 1; j < len(bs) && !(bs[j].kind == blockHeading && bs[j].level <= bs[i].level && !bs[j].inferred); j++ {
			lines := blockLines(bs[j])
			if bs[j].kind == blockList && bs[j].ordered {
				lines = nil
				for n, it := range bs[j].items {
					if len(it.blocks) > 0 && it.blocks[0].kind == blockPara {
						num := it.num
						if num == 0 {
							num = bs[j].start + n
						}
						lines = append(lines, strconv.Itoa(num)+". "+it.blocks[0].lines[0])
					}
				}
			}
			for _, l := range lines {
				f.key = addKeyLine(f.key, bareText(l))
			}
		}
	}
}

// blockLines returns the text lines of a paragraph or a list's items.
func blockLines(b block) []string {
	switch b.kind {
	case blockPara:
		return b.lines
	case blockList:
		var out []string
		for _, it := range b.items {
			for _, c := range it.blocks {
				out = append(out, blockLines(c)...)
			}
		}
		return out
	}
	return nil
}

// blocks reads a sequence of blocks at the top level of the chapter.
func (f *finder) blocks(bs []block) {
	for i := 0; i < len(bs); {
		i = f.block(bs, i)
	}
}

// block reads the block bs[i] (and any blocks its card spans) and returns the
// index of the next block to read.
func (f *finder) block(bs []block, i int) int {
	b := bs[i]
	switch b.kind {
	case blockHeading:
		return f.heading(bs, i)
	case blockDetails:
		if !f.skip {
			f.details(b)
		}
		return i + 1
	case blockQuote:
		if !f.skip {
			f.quote(b)
		}
		return i + 1
	case blockCards:
		if !f.skip {
			for _, c := range b.cards {
				f.add(c)
			}
		}
		return i + 1
	}
	if f.skip {
		return i + 1
	}
	if b.role == rolePair {
		f.add(Card{Kind: KindDefinition, Front: b.lines[0], Back: renderLines(bs[i+1].lines, bs[i+1].hard), Line: b.line})
		return i + 2
	}
	if b.role == roleTerm {
		term, text, _ := splitTerm(b.lines[0], true)
		f.add(Card{Kind: KindDefinition, Front: term, Back: text, Line: b.line})
		return i + 1
	}
	if b.kind == blockPara {
		if j, ok := f.syntax(bs, i); ok {
			return j
		}
		if m := scenarioLead.MatchPrefix(head(b.lines[0])); m != nil {
			f.scenario(b.line, m[1], strings.TrimSpace(renderLines(b.lines, b.hard)[len(m[0])-len(m[2]):]))
			return i + 1
		}
		if asks(&bs[i]) > askNone {
			a := paraAsk(b)
			j := f.unitEnd(bs, i+1)
			body := bs[i+1 : j]
			q, rest, hard := a.q, a.rest, a.hard
			if loc := inlineAnswer(q); loc != nil && loc[0] > 0 {
				// "Q: question A: answer" on one line.
				rest = append([]string{q[loc[1]:]}, rest...)
				hard = hard.after()
				q = strings.TrimSpace(q[:loc[0]])
			}
			if len(rest) > 0 {
				body = append([]block{{kind: blockPara, line: b.line, lines: rest, hard: hard}}, body...)
			}
			if a.strength == askWeak && !hasAnswer(body) {
				if j, ok := f.choiceUnit(bs, i); ok {
					return j
				}
				f.note(b.line, noAnswer(body))
				return i + 1
			}
			f.question(b.line, q, a.num, body)
			return j
		}
	}
	if b.kind == blockList {
		if f.taggedCards(b) {
			return i + 1
		}
		if j, ok := f.itemQuestions(bs, i); ok {
			return j
		}
	}
	if j, ok := f.choiceUnit(bs, i); ok {
		return j
	}
	switch b.kind {
	case blockPara:
		f.termPara(b)
		f.lead = renderLines(b.lines, b.hard)
		return i + 1
	case blockList:
		f.list(b)
	case blockTable:
		for _, c := range tableCards(b) {
			f.add(c)
		}
	case blockDefs:
		for n, d := range b.defs {
			line := b.line
			if n < len(b.defLine) && b.defLine[n] > 0 {
				line = b.defLine[n]
			}
			f.add(Card{Kind: KindDefinition, Front: d[0], Back: d[1], Line: line})
		}
	}
	return i + 1
}

// hasAnswer reports whether body holds text that can answer a prompt: no
// label, hint or question alone.
func hasAnswer(body []block) bool {
	return renderBack(answerBody(body)) != ""
}

// unitEnd returns the index of the first block at or after i that ends the
// answer of a paragraph or list-item prompt: a heading that is no answer
// label, a rule, a details block that is no collapsed answer, a paragraph
// or a list that opens with a prompt, or a line of a card syntax.
func (f *finder) unitEnd(bs []block, i int) int {
	for start := i; i < len(bs); i++ {
		b := &bs[i]
		switch b.kind {
		case blockHeading:
			// A line on its own right under the prompt is its answer, not
			// a heading.
			if !answerLabel(cleanHeading(b.text)) && !(b.inferred && i == start && i+1 < len(bs) && bs[i+1].kind != blockHeading) {
				return i
			}
		case blockRule:
			return i
		case blockDetails:
			if !answerSummary(b.text) {
				return i
			}
		case blockCards:
			return i
		case blockPara:
			if asks(b) > askNone || syntaxLine(b.lines[0]) {
				return i
			}
		case blockList:
			if f.asksItem(*b) {
				return i
			}
		}
	}
	return i
}

// heading reads a heading: a question, a term, or a new section.
func (f *finder) heading(bs []block, i int) int {
	h := bs[i]
	if f.contents {
		// A table of contents ends at the first heading after it.
		f.section, f.level, f.skip, f.contents = f.before, f.beforeLevel, false, false
	}
	name := cleanHeading(h.text)
	if answerLabel(name) {
		return i + 1 // a label outside any answer
	}
	if h.role == roleTitle {
		f.setSection(h, name)
		return i + 1
	}
	end := f.headingEnd(bs, i)
	body := bs[i+1 : end]
	q, num, strength := headingAsk(h.text)
	if strength == askNone && f.promptShapes[shapeOf(h)] && !closingHeading(name) && !keySection(name) {
		q, strength = name, askWeak
	}
	if strength == askNone && numberLead.MatchString(h.text) {
		// A numbered heading right over options asks even without "?".
		if s := findOptions(body); s != nil && s.first == 0 && !s.numbered {
			q, strength = name, askWeak
		}
	}
	if h.role == roleTerm && !f.skip {
		kind := KindDefinition
		if strength > askNone {
			kind = KindQA
		} else {
			q = name
		}
		f.add(Card{Kind: kind, Front: q, Back: renderBack(body), Line: h.line})
		return end
	}
	if strength > askNone && !f.skip && !f.promptsUnder(h, body) {
		switch {
		case strength == askWeak && !h.inferred && !hasAnswer(body) && len(body) == 0:
			// A question heading over nothing: a section.
		case strength == askWeak && onlyTable(body):
			// A caption: its table's rows are the cards.
			f.setSection(h, name)
			return i + 1
		default:
			f.question(h.line, q, num, body)
			return end
		}
	}
	if f.skip && !f.endsSkip(h) {
		return i + 1
	}
	if !f.skip && len(body) > 0 && chain(body[0]) {
		// A sequence drawn with arrows under its name: "Commit -> Build ->
		// Test -> Deploy".
		f.add(Card{Kind: KindOther, Front: name, Back: body[0].lines[0], Line: h.line})
		return i + 2
	}
	if h.inferred && !f.skip && len(body) > 0 && abbreviation(name) {
		// "CI (Continuous Integration)" over what it is.
		if back := renderBack(answerBody(body)); back != "" {
			f.add(Card{Kind: KindDefinition, Front: name, Back: back, Line: h.line})
			return end
		}
	}
	if term, ok := termHeading(h.text); ok || f.glossary && int(h.level) > f.level && i+1 < len(bs) && bs[i+1].kind == blockPara {
		if !ok {
			term = name
		}
		j := i + 1
		for ; j < len(bs) && bs[j].kind != blockHeading && bs[j].kind != blockRule; j++ {
		}
		back := renderBack(bs[i+1 : j])
		if back == "" {
			f.warn(h.line, "term heading without a definition under it")
		}
		f.add(Card{Kind: KindDefinition, Front: term, Back: back, Line: h.line})
		return j
	}
	if term, def, ok := inlineDefinition(h.text); ok && !h.inferred && len(body) == 0 && (end == len(bs) || bs[end].kind == blockHeading) {
		f.add(Card{Kind: KindDefinition, Front: term, Back: def, Line: h.line})
		return i + 1
	}
	short := len(name) <= 60 // the headings that skip or mark a section are short
	if short && contentsSection.MatchString(name) {
		f.before, f.beforeLevel = f.section, f.level
		f.skip, f.contents = true, true
		return i + 1
	}
	f.setSection(h, name)
	return i + 1
}

// endsSkip reports whether heading h, met in a section that holds no
// cards, starts a new section: any heading of the skipped section's rank
// or above does.
func (f *finder) endsSkip(h block) bool {
	return int(h.level) <= f.level || f.level == 0
}

// setSection starts the section of heading h, named name.
func (f *finder) setSection(h block, name string) {
	f.section = name
	f.level = int(h.level)
	f.lead = ""
	f.skip = skipped(name)
	lower := strings.ToLower(name)
	f.tips = containsAny(lower, "tip", "advice", "practice", "don", "pitfall") && tipSection.MatchString(name)
	f.glossary = containsAny(lower, "gloss", "term", "vocab", "defin", "словник", "用語") && glossarySection.MatchString(name)
}

// headingEnd returns the index of the block that ends the answer of the
// heading bs[i]: the next heading of its rank or above that is no answer
// label, a heading of a prompt shape, a marked question paragraph, a rule.
func (f *finder) headingEnd(bs []block, i int) int {
	h := bs[i]
	end := i + 1
	for ; end < len(bs); end++ {
		b := bs[end]
		if b.kind == blockRule {
			break
		}
		if b.kind == blockHeading {
			if answerLabel(cleanHeading(b.text)) {
				continue
			}
			if b.level <= h.level || f.promptShapes[shapeOf(b)] && !f.promptShapes[shapeOf(h)] {
				break
			}
			if _, _, st := headingAsk(b.text); st == askMarked {
				break
			}
		}
		if asks(&bs[end]) == askMarked {
			break
		}
	}
	return end
}

// promptsUnder reports whether the heading h has headings under it that are
// prompts of a shape that dominates, which makes h a section.
func (f *finder) promptsUnder(h block, body []block) bool {
	if f.promptShapes[shapeOf(h)] {
		return false
	}
	for _, b := range body {
		if b.kind == blockHeading && b.level > h.level && f.promptShapes[shapeOf(b)] {
			return true
		}
	}
	return false
}

// onlyTable reports whether body is one table of three rows or more.
func onlyTable(body []block) bool {
	return len(body) == 1 && body[0].kind == blockTable && len(body[0].rows) >= 4
}
