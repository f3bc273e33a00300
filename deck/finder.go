package deck

import (
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
	// seen holds the front and back of every card so far, to drop exact
	// duplicates.
	seen map[[2]string]bool
	// noChoiceUntil is the index of the first block that may start a
	// multiple-choice run: the blocks before it were found to hold no
	// options.
	noChoiceUntil int
}

// find returns the cards of document d.
func find(d document) chapter {
	bs := dropChrome(expandParas(d.blocks), d.text)
	checkBoxes(bs)
	f := &finder{}
	f.ch.name, f.ch.title = d.name, d.title
	if !d.text {
		for _, b := range bs {
			if b.kind == blockHeading && b.level == 1 {
				f.ch.title = plainText(b.text)
				break
			}
		}
	}
	f.findKey(bs)
	f.dominance(bs)
	f.termRuns(bs)
	f.blocks(bs)
	return f.ch
}

func (f *finder) add(c Card) {
	// Entities decoded from HTML may spell a character in parts: NFC again.
	c.Front, c.Back = norm.NFC.String(strings.TrimSpace(c.Front)), norm.NFC.String(strings.TrimSpace(c.Back))
	if c.Front == "" || c.Back == "" {
		return
	}
	c.Section = norm.NFC.String(f.section)
	k := [2]string{c.Front, c.Back}
	if f.seen[k] {
		f.note(c.Line, "the same card as an earlier one; skipped")
		return
	}
	if f.seen == nil {
		f.seen = map[[2]string]bool{}
	}
	f.seen[k] = true
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
				f.key = addKeyLine(f.key, plainText(l))
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

// headingShape is what headings of one kind share: rank, and whether they
// are numbered.
type headingShape struct {
	level    int
	numbered bool
}

func shapeOf(h block) headingShape {
	_, num := questionLead(strings.TrimSpace(h.text))
	return headingShape{level: h.level, numbered: num > 0}
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
	for i := 0; i < len(bs); i++ {
		if bs[i].kind != blockHeading {
			continue
		}
		j := i + 1
		for j < len(bs) && bs[j].kind != blockHeading && bs[j].kind != blockRule {
			j++
		}
		switch body := bs[i+1 : j]; {
		case len(body) == 0 && bs[i].inferred:
			// A label between terms.
		case len(body) == 1 && bs[i].inferred && termLike(bs[i].text) && body[0].kind == blockPara && defLike(renderLines(body[0].lines, body[0].hard)):
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
	var lines []int
	flushLines := func() {
		if len(lines) >= 3 {
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

// colonLine reports whether b is a one-line paragraph "Term: definition"
// with a term of at most six words that is no metadata key, question,
// answer or scenario.
func colonLine(b block) bool {
	if !b.oneLine() {
		return false
	}
	l := b.lines[0]
	i := strings.Index(l, ": ")
	if j := strings.Index(l, "："); j > 0 && (i < 0 || j < i) {
		i = j
	}
	if i <= 0 || i > 80 || strings.Count(l[:i], " ") > 5 {
		return false
	}
	if qMarked(plainText(head(l))) || scenarioLead.MatchString(head(l)) || answerHead.MatchString(plainText(head(l))) {
		return false
	}
	if loc := answerMarker.FindStringIndex(head(l)); loc != nil && loc[0] == 0 {
		return false
	}
	term, _, ok := splitTerm(l, true)
	return ok && len(strings.Fields(term)) <= 6 && !metaTerm.MatchString(plainText(term))
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
				hard = append([]bool{false}, hard...)
				q = strings.TrimSpace(q[:loc[0]])
			}
			if len(rest) > 0 {
				body = append([]block{{kind: blockPara, line: b.line, lines: rest, hard: hard}}, body...)
			}
			if a.strength == askWeak && !hasAnswer(body) {
				if j, ok := f.choiceUnit(bs, i); ok {
					return j
				}
				return i + 1 // a question in passing, not a card
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
	if term, ok := termHeading(h.text); ok || f.glossary && h.level > f.level && i+1 < len(bs) && bs[i+1].kind == blockPara {
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
	return h.level <= f.level || f.level == 0
}

// setSection starts the section of heading h, named name.
func (f *finder) setSection(h block, name string) {
	f.section = name
	f.level = h.level
	short := len(name) <= 60
	f.lead = ""
	f.skip = short && (skipSection.MatchString(name) || boilerSection.MatchString(name) || keySection(name))
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

// details reads <details><summary>question</summary> answer</details>. A
// heading that opens the answer is a category label and is dropped.
func (f *finder) details(b block) {
	if answerSummary(b.text) {
		return // a collapsed answer with no question before it
	}
	q, num, strength := headingAsk(b.text)
	if strength == askNone {
		q = cleanHeading(b.text)
	}
	body := b.body
	if len(body) > 0 && body[0].kind == blockHeading {
		body = body[1:]
	}
	if q == "" {
		return
	}
	f.question(b.line, q, num, body)
}

// quote reads a block quote: an Obsidian callout whose title asks is a
// question over its body; a note, info or tip callout is an aside with no
// cards; any other quote is read as the blocks it holds.
func (f *finder) quote(b block) {
	if b.callout != "" {
		if q, num, st := headingAsk(b.text); st > askNone {
			f.question(b.line, q, num, b.body)
		}
		if b.text != "" || asideCallout(b.callout) {
			return
		}
	}
	f.blocks(b.body)
}

// asideCallout reports whether an Obsidian callout of type t is an aside:
// a note, information, a tip, an abstract, a warning.
func asideCallout(t string) bool {
	switch t {
	case "note", "info", "tip", "hint", "important", "abstract", "summary", "tldr", "todo", "warning", "caution", "attention", "danger", "error", "bug", "example", "quote", "cite", "success", "check", "done":
		return true
	}
	return false
}

// question makes the card of prompt q (numbered num, 0 when unnumbered),
// whose answer is body: an answer written out, or options with the right
// one marked.
func (f *finder) question(line int, q string, num int, body []block) {
	body = answerBody(body)
	front, back, why := f.answer(q, num, body)
	if why != "" {
		f.warn(line, why)
		return
	}
	f.add(Card{Kind: KindQA, Front: front, Back: back, Line: line})
}

// answer returns the front and back of prompt q from its body, or why
// there is no card.
func (f *finder) answer(q string, num int, body []block) (front, back, why string) {
	if s := findOptions(body); s != nil {
		if front, back, why, ok := f.choice(q, num, body, s); ok {
			return front, back, why
		}
	}
	if s := plainOptions(body); s != nil {
		if s.gradedUnknown {
			return "", "", "multiple-answer question whose chosen options the page does not show; skipped"
		}
		if front, back, why, ok := f.choice(q, num, body, s); ok {
			return front, back, why
		}
	}
	back = renderBack(body)
	if back == "" {
		return "", "", "question without an answer under it"
	}
	return q, stripAnswerLead(back), ""
}

// choice resolves the options s in body for prompt q. It reports false
// when numbered items turn out to be no options (no answer names them).
func (f *finder) choice(q string, num int, body []block, s *optionSet) (front, back, why string, ok bool) {
	front = q
	if s.first > 0 {
		if ask := renderFront(body[:s.first]); ask != "" {
			front = q + " " + ask
		}
	}
	letters, expl, rest, named := resolve(s, body[s.after:])
	if s.numbered && !named {
		return "", "", "", false
	}
	if letters == nil && num > 0 {
		if k, found := f.key[num]; found {
			letters, expl = []string{k.letter}, k.explanation
		}
	}
	back, why = choiceBack(s.opts, letters, expl, renderBack(dropDistractors(rest)))
	return front, back, why, true
}

// resolve finds which options of s are right: ticked or marked ones, the
// only bold one, or those an answer line in after names (after an answer
// label, the label may be missing; a collapsed "Answer" block is opened).
// It returns the letters, the explanation and the blocks after the answer.
//
// named reports that an answer line named the options: only that makes
// numbered items options.
func resolve(s *optionSet, after []block) (letters []string, expl string, rest []block, named bool) {
	if letters = ticked(s.opts); letters != nil && !s.numbered {
		return letters, "", after, false
	}
	labelled := false
	for i := 0; i < len(after); i++ {
		b := after[i]
		switch b.kind {
		case blockHeading:
			labelled = answerLabel(cleanHeading(b.text))
			continue
		case blockDetails, blockQuote:
			if l, e, r, n := resolve(&optionSet{opts: s.opts, numbered: s.numbered}, b.body); n {
				return l, e, append(r, after[i+1:]...), true
			}
			continue
		case blockPara:
		default:
			labelled = false
			continue
		}
		labelled = labelled || b.role == roleAnswer
		for n, l := range b.lines {
			if answerLabel(plainText(l)) || strings.TrimSpace(l) == "?" {
				labelled = true
				continue
			}
			if lt, e, ok := answerLine(l, s.opts, labelled); ok {
				rest = after[i+1:]
				if extra := b.lines[n+1:]; len(extra) > 0 {
					rest = append([]block{{kind: blockPara, lines: extra, hard: b.hard[n+1:]}}, rest...)
				}
				return lt, e, rest, true
			}
			labelled = false
		}
	}
	if letters = bolded(s.opts); letters != nil && !s.numbered {
		return letters, "", after, false
	}
	return nil, "", after, false
}

// dropDistractors removes from the blocks after an answer the explanations
// of wrong options ("✗ Incorrect: …"), feedback and hints.
func dropDistractors(bs []block) []block {
	out := bs[:0:0]
	for _, b := range bs {
		if t := plainText(b.firstLine()); t != "" && (wrongMark(t) || hintLine(t)) {
			continue
		}
		out = append(out, b)
	}
	return out
}

// choiceUnit reads a run of blocks from bs[i] up to the next heading, rule or
// question that holds options: the blocks before the options ask the
// question. It reports false when the run holds no options.
func (f *finder) choiceUnit(bs []block, i int) (int, bool) {
	if i < f.noChoiceUntil {
		return i, false
	}
	j := i
	for ; j < len(bs); j++ {
		b := bs[j]
		if b.kind == blockHeading && !answerLabel(cleanHeading(b.text)) || b.kind == blockRule || b.kind == blockDetails && !answerSummary(b.text) {
			break
		}
		if j > i && asks(&bs[j]) == askMarked {
			break
		}
	}
	s := findOptions(bs[i:j])
	if s == nil || s.numbered {
		f.noChoiceUntil = j
		return i, false
	}
	if s.first == 0 {
		return i, false
	}
	ask := append([]block(nil), bs[i:i+s.first]...)
	scenario := false
	if ask[0].kind == blockPara {
		first := plainText(ask[0].lines[0])
		for _, lead := range []string{"Scenario:", "Question:", "Scenario", "Question"} {
			if strings.EqualFold(strings.TrimSpace(first), lead) || strings.HasPrefix(first, lead) && strings.HasSuffix(lead, ":") {
				scenario = scenario || strings.HasPrefix(lead, "Scenario")
				a := ask[0]
				a.lines = append([]string{stripLabel(a.lines[0])}, a.lines[1:]...)
				ask[0] = a
				break
			}
		}
	}
	front := renderFront(ask)
	if front == "" {
		return i, false
	}
	letters, expl, rest, _ := resolve(s, bs[i+s.after:j])
	back, why := choiceBack(s.opts, letters, expl, renderBack(dropDistractors(rest)))
	if why != "" {
		f.warn(bs[i].line, why)
		return j, true
	}
	kind := KindQA
	var tags []string
	if scenario {
		kind, tags = KindScenario, []string{"scenario"}
		if f.section != "" {
			front = f.section + " — " + front
		}
	}
	f.add(Card{Kind: kind, Front: front, Back: back, Tags: tags, Line: bs[i].line})
	return j, true
}

// stripLabel removes a bold or plain lead-in label ("**Scenario:**") from
// the start of line l.
func stripLabel(l string) string {
	t := strings.TrimSpace(l)
	for _, lead := range []string{"**Scenario:**", "**Question:**", "*Scenario:*", "*Question:*", "Scenario:", "Question:", "**Scenario**:", "**Question**:"} {
		if strings.HasPrefix(t, lead) {
			return strings.TrimSpace(t[len(lead):])
		}
	}
	if plain := plainText(t); plain == "Scenario" || plain == "Question" {
		return ""
	}
	return t
}

// asksItem reports whether list b is a list of prompts: its first item's
// first paragraph asks, or (when most numbered items of the document ask)
// b is numbered.
func (f *finder) asksItem(b block) bool {
	if len(b.items) == 0 || len(b.items[0].blocks) == 0 || b.items[0].blocks[0].kind != blockPara {
		return false
	}
	if itemAsks(b.items[0]) {
		return true
	}
	return b.ordered && f.itemPrompts
}

// itemAsks reports whether list item it opens with a prompt: a paragraph
// that asks, or one of three words or more that ends with a question.
func itemAsks(it item) bool {
	if len(it.blocks) == 0 || it.blocks[0].kind != blockPara {
		return false
	}
	p := &it.blocks[0]
	if asks(p) > askNone {
		return true
	}
	t := renderLines(p.lines, p.hard)
	return isQuestionEnd(t) && len(strings.Fields(t)) >= 3
}

// itemQuestions reads a list whose items are prompts: each item's first
// paragraph asks and the rest of the item answers; the last item's answer
// may follow the list, up to the next prompt.
func (f *finder) itemQuestions(bs []block, i int) (int, bool) {
	b := bs[i]
	if !f.asksItem(b) {
		return i, false
	}
	asks := 0
	for _, it := range b.items {
		if itemAsks(it) {
			asks++
		}
	}
	if 2*asks < len(b.items) && !(b.ordered && f.itemPrompts) {
		return i, false
	}
	end := i + 1
	for n, it := range b.items {
		p := it.blocks[0]
		q := strings.ReplaceAll(renderLines(p.lines, p.hard), "\n", " ")
		body := it.blocks[1:]
		if a := paraAsk(p); a.strength > askNone {
			q = a.q
			if len(a.rest) > 0 {
				body = append([]block{{kind: blockPara, line: p.line, lines: a.rest, hard: a.hard}}, body...)
			}
		}
		if n == len(b.items)-1 {
			end = f.unitEnd(bs, i+1)
			body = append(append([]block(nil), body...), bs[i+1:end]...)
		}
		line := it.line
		if line == 0 {
			line = b.line
		}
		f.question(line, q, it.num, body)
	}
	return end, true
}

// list reads the items of a list outside any question: "Term: definition"
// items are definitions (tips in a Tips section), items of an ordered list
// with "Label: text" are steps. A list is read so only when at least half
// its items have a term or label: in a list of sentences, the odd item that
// starts "Note: …" is no card.
func (f *finder) list(b block) {
	var found []labelled
	for n, it := range b.items {
		if len(it.blocks) == 0 || it.blocks[0].kind != blockPara {
			continue
		}
		first := it.blocks[0]
		term, text, ok := splitTerm(renderLines(first.lines, first.hard), true)
		if !ok || metaTerm.MatchString(plainText(term)) {
			continue
		}
		if more := renderBack(it.blocks[1:]); more != "" {
			text += "\n" + more
		}
		pos := it.num
		if pos == 0 {
			pos = n + 1
		}
		found = append(found, labelled{pos, term, text, it.line})
	}
	if 2*len(found) < len(b.items) {
		return
	}
	steps := b.ordered && (sequence.MatchString(f.section+" "+f.lead) || verbLabels(found))
	for _, e := range found {
		switch {
		case steps:
			list := f.section
			if list == "" {
				list = f.ch.title
			}
			var tags []string
			if strings.Contains(strings.ToLower(list), "roadmap") {
				tags = []string{"roadmap"}
			}
			f.add(Card{Kind: KindStep, Front: StepFront(list, e.n, e.term), Back: e.text, Tags: tags, Line: e.line})
		case f.tips:
			f.add(Card{Kind: KindOther, Front: e.term, Back: e.text, Tags: []string{"tip"}, Line: e.line})
		default:
			f.add(Card{Kind: KindDefinition, Front: e.term, Back: e.text, Line: e.line})
		}
	}
}

// labelled is a list item "Label: text" at position n.
type labelled struct {
	n          int
	term, text string
	line       int
}

// verbLabels reports whether most labels open with a verb of a procedure
// ("Build", "Ship", "Set up").
func verbLabels(items []labelled) bool {
	n := 0
	for _, e := range items {
		w, _, _ := strings.Cut(strings.ToLower(plainText(e.term)), " ")
		if w != "" && strings.Contains(procedureVerbs, " "+w+" ") {
			n++
		}
	}
	return len(items) > 0 && 2*n > len(items)
}

// procedureVerbs are the verbs that open the steps of a procedure, each
// between spaces.
const procedureVerbs = " build ship deploy test install create configure run open add write set choose pick select " +
	"define design plan review monitor release push commit merge clone package upload download start stop enable disable " +
	"verify check validate learn master understand practice study read watch take get go use apply attach connect launch " +
	"provision register sign log publish invoke trigger automate measure optimize prepare clean compile link init initialize " +
	"update upgrade migrate back restore remove delete copy move rename save load fetch pull tag click navigate enter "

// sequence matches the names of an ordered list whose items are steps, in
// the section's heading or the paragraph before the list: a roadmap, a
// procedure, a checklist, a lifecycle.
var sequence = lazyCompile(`(?i)\b(?:roadmap|steps?|path|process|procedure|checklist|lifecycle|life cycle|workflow|pipeline|stages?|phases?|how to|order|sequence|timeline|plan|journey|walkthrough|guide|setup|deploy\w*|install\w*|migrat\w*)\b|étapes|pasos|schritte|кроки|шаги|手順|步骤`)

// termPara reads a glossary paragraph "**Term**: definition" and a tip
// "Interview tip: …". A paragraph whose every line is such a term (two or
// more lines), or reads "Term: definition" (three or more lines, terms of
// at most six words), is a glossary written without blank lines: each line
// is a definition.
func (f *finder) termPara(b block) {
	if len(b.lines) >= 2 {
		bold, plain := true, len(b.lines) >= 3
		for _, l := range b.lines {
			if _, _, ok := boldTermLine(l); !ok {
				bold = false
			}
			if term, _, ok := splitTerm(l, true); !ok || len(strings.Fields(term)) > 6 || metaTerm.MatchString(term) {
				plain = false
			}
		}
		if bold || plain {
			for n, l := range b.lines {
				term, text, _ := boldTermLine(l)
				if !bold {
					term, text, _ = splitTerm(l, true)
				}
				line := b.line
				if line > 0 {
					line += n
				}
				f.add(Card{Kind: KindDefinition, Front: term, Back: text, Line: line})
			}
			return
		}
	}
	text := renderLines(b.lines, b.hard)
	if term, def, ok := boldTermLine(text); ok {
		f.add(Card{Kind: KindDefinition, Front: term, Back: def, Line: b.line})
		return
	}
	if label, tip, ok := tipLead(plainText(b.lines[0])); ok {
		if len(b.lines) > 1 {
			tip += "\n" + renderLines(b.lines[1:], b.hard[1:])
		}
		f.add(Card{Kind: KindOther, Front: label, Back: tip, Tags: []string{"tip"}, Line: b.line})
	}
}

// inlineAnswer finds an answer marker ("A:", "Answer:", "How to answer:")
// in q, or returns nil.
func inlineAnswer(q string) []int {
	if !strings.ContainsRune(q, ':') || !strings.ContainsRune(q, 'A') && !strings.Contains(q, "nswer") {
		return nil
	}
	return answerMarker.FindStringIndex(q)
}

var (
	answerMarker = lazyCompile(`(?:^|\s)(?:\*{1,2}How to answer:\*{1,2}|How to answer:|\*\*A\d*:\*\*|\*\*Answer(?:\s*\d+)?:\*\*|A\d*:|Answer(?:\s*\d+)?:)\s*`)
	answerLead   = lazyCompile(`^(?:\*\*)?(?:A\d*|Answer(?:\s*\d+)?|How to answer)\s*:(?:\*\*)?\s*`)
)

// stripAnswerLead removes "A:", "Answer:" or "How to answer:" from the start
// of a back.
func stripAnswerLead(s string) string {
	if s == "" || s[0] != 'A' && s[0] != 'H' && s[0] != '*' {
		return s
	}
	if loc := answerLead.FindStringIndex(s); loc != nil && loc[1] < len(s) {
		return strings.TrimSpace(s[loc[1]:])
	}
	return s
}

var (
	scenarioLead   = lazyCompile(`^(?:\*\*)?Scenario\s+(\d{1,5})\s*[:.–—-]\s*(?:\*\*)?\s*()`)
	questionMarker = lazyCompile(`\s*(?:\*{1,2}Question:\*{1,2}|Question:)\s*`)
)

// scenario reads "Scenario N: Title *Question:* "…" *How to answer:* …".
// The front is "Scenario N: Title — question", quotes removed; the back is
// the text after the answer marker.
func (f *finder) scenario(line int, num, rest string) {
	loc := answerMarker.FindStringIndex(rest)
	if loc == nil {
		f.warn(line, "scenario without \"How to answer:\"")
		return
	}
	head, back := rest[:loc[0]], rest[loc[1]:]
	title, question := head, ""
	if q := questionMarker.FindStringIndex(head); q != nil {
		title, question = head[:q[0]], unquote(strings.TrimSpace(head[q[1]:]))
	}
	title = strings.TrimSpace(title)
	if question == "" || strings.TrimSpace(back) == "" {
		f.warn(line, "scenario without a question or an answer")
		return
	}
	front := "Scenario " + num + ": " + title + " — " + question
	if title == "" {
		front = "Scenario " + num + " — " + question
	}
	f.add(Card{Kind: KindScenario, Front: front, Back: back, Tags: []string{"scenario"}, Line: line})
}

// cardTag finds an outliner's card tag ("#card", "#flashcard") in line l
// and returns l without it.
func cardTag(l string) (string, bool) {
	for _, tag := range []string{"#card", "#flashcards", "#flashcard"} {
		if i := strings.Index(l, tag); i >= 0 && (i == 0 || l[i-1] == ' ') && (i+len(tag) == len(l) || l[i+len(tag)] == ' ') {
			return strings.TrimSpace(l[:i] + l[i+len(tag):]), true
		}
	}
	return l, false
}

// taggedCards reads the blocks of an outliner (Logseq) tagged as cards:
// an item whose first line holds "#card" is the front, its child blocks
// the back; the other items are notes, searched for tagged children. It
// reports false when list b holds no tagged item.
func (f *finder) taggedCards(b block) bool {
	found := false
	for _, it := range b.items {
		if len(it.blocks) == 0 {
			continue
		}
		p := it.blocks[0]
		if p.kind != blockPara {
			continue
		}
		q, ok := cardTag(p.lines[0])
		if !ok {
			for _, c := range it.blocks[1:] {
				if c.kind == blockList && f.taggedCards(c) {
					found = true
				}
			}
			continue
		}
		found = true
		var more []string
		for _, l := range p.lines[1:] {
			if !property(l) {
				more = append(more, l)
			}
		}
		body := it.blocks[1:]
		if len(more) > 0 {
			body = append([]block{{kind: blockPara, line: p.line, lines: more, hard: make([]bool, len(more))}}, body...)
		}
		line := it.line
		if line == 0 {
			line = b.line
		}
		f.question(line, q, 0, body)
	}
	return found
}

// property reports whether l is a key-value property line of an outliner
// or Dataview ("card-last-interval:: 4").
func property(l string) bool {
	k, _, ok := strings.Cut(strings.TrimSpace(l), ":: ")
	return ok && k != "" && !strings.ContainsAny(k, " \t")
}
