package deck

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A page saved as text is read line by line. What makes a line a card:
//
//	5. Part 1: Core Questions                       section heading (column 0, short, blank line after);
//	                                                on a page that numbers none, any short line
//	                                                between blank lines that is no sentence
//	  1. 2. RESTful APIs: Understand HTTP …         step 2 of the section's list (doubled numbering)
//	  3. Cloud Fundamentals: VPCs, IAM …            step 3 (plain indented numbering)
//	  • Term: definition                            definition (a tip in a "Tips" section); " – ",
//	                                                " — " and " → " end a term that has no ": "
//	Term: definition (three or more such lines)     definitions at column 0
//	Q: question *How to answer:* answer             question and answer (A:, Answer: also)
//	Scenario 1: Title *Question:* "…" *How to answer:* …
//	Q1. / Question 2: / 3. What is …?               a numbered question: the answer is the
//	<answer paragraphs>                             paragraphs up to the next question or heading
//	What is a queue?                                an FAQ question on its own line: the answer
//	<answer paragraph>                              is the paragraph under it
//	1 / 5  or  Question 1 of 5                      a quiz item: the next line asks, the lines
//	<question> <answer>                             after it answer
//	Alias                                           a glossary page: a term line, a definition
//	<blank> Named pointer to a version.             line; three pairs in a row make a run (an
//	                                                index letter "A" may stand above a term)
//	ItemDetails / Duration130 minutes               a table whose cells were glued together:
//	                                                three or more short lines that each split
//	                                                where a lower-case letter meets a capital
//	                                                or a digit; the first row is the header
//
// Multiple choice: options "A) …", "b. …", several on one line ("A) … B) …"),
// or "- [x]" check boxes, after a question of any of these shapes; the right
// one is the ticked box, a line "Answer: B" / "Correct answer: B – why", or
// the "Answer key" section's "3. B". The back is that option's text and the
// explanation; a question whose options are not answered is skipped with a
// warning.
//
// Introductions, learning objectives, summaries and answer keys give no
// cards; site chrome and prose match none of the shapes.

var (
	textChapterLine = lazyCompile(`^CHAPTER\s+(\d+)\b`)
	// The expressions below end in a group that MatchPrefix extends to the
	// end of the line: "(\S)" stands for "(\S.*)$", "()" for "(.*)$".
	textHeading    = lazyCompile(`^(\d{1,2})\.\s+(\S)`)
	textDoubleStep = lazyCompile(`^\s*\d+[.)]\s+(\d+)[.)]\s+(\S)`)
	textStep       = lazyCompile(`^\s+(\d+)[.)]\s+(\S)`)
	textBullet     = lazyCompile(`^\s*[•·▪‣◦●○■□►▶–—*-]\s+(\S)`)
	textQuestion   = lazyCompile(`^(?:\*\*)?(?:Q|Question\s*)(\d*)\s*[:.](?:\*\*)?\s*()`)
	textScenario   = lazyCompile(`^(?:\*\*)?Scenario\s+(\d+)\s*[:.–—-]\s*()`)
	answerMarker   = lazyCompile(`(?:^|\s)(?:\*{1,2}How to answer:\*{1,2}|How to answer:|\*\*A\d*:\*\*|\*\*Answer(?:\s*\d+)?:\*\*|A\d*:|Answer(?:\s*\d+)?:)\s*`)
	questionMarker = lazyCompile(`\s*(?:\*{1,2}Question:\*{1,2}|Question:)\s*`)
)

// skipSection matches the headings of sections that hold no cards:
// introductions, objectives and summaries written as prose.
var skipSection = lazyCompile(`(?i)^(?:\d+\.\s*)?(?:introduction|overview|learning objectives|objectives|what you(?:'ll| will) learn|(?:final |chapter )?summary|conclusion|key takeaways|next steps|further reading|references)\b`)

// tipSection matches the headings of sections whose bullets are tips, not
// definitions.
var tipSection = lazyCompile(`(?i)\b(?:tips?|advice|best practices|do's and don'ts|dos and don'ts|pitfalls)\b`)

// textParser holds the state of one parse of a page saved as text.
type textParser struct {
	lines   []string
	ch      chapter
	section string // current section heading, without its number
	skip    bool   // the current section holds no cards
	tips    bool   // bullets in the current section are tips

	numbered bool             // the page has numbered section headings
	gloss    map[int]int      // term line → its definition line, in glossary runs
	colon    map[int]bool     // "Term: definition" lines at column 0, in runs
	table    map[int]int      // first line of a glued table → the line after it
	key      map[int]keyEntry // the answer key, by question number
}

// parseText parses a page saved as text (LF line ends, NFC, no BOM).
func parseText(text string) chapter {
	p := &textParser{lines: strings.Split(text, "\n")}
	p.header()
	p.scan()
	for i := 0; i < len(p.lines); i++ {
		i = p.line(i)
	}
	return p.ch
}

// header finds the course, chapter number and title the page shows: a
// "CHAPTER N" line between the course name and the chapter title.
func (p *textParser) header() {
	for i, l := range p.lines {
		m := textChapterLine.FindStringSubmatch(strings.TrimSpace(l))
		if m == nil {
			continue
		}
		course := p.neighbour(i, -1)
		p.ch.title = p.neighbour(i, +1)
		if course != "" {
			p.ch.name = course + "::Chapter " + m[1]
		}
		return
	}
	for _, l := range p.lines {
		if t := strings.TrimSpace(strings.TrimLeft(l, "#")); t != "" && strings.HasPrefix(l, "#") {
			p.ch.title = t
			return
		}
	}
}

// neighbour returns the nearest non-blank line before (dir −1) or after
// (dir +1) line i, trimmed, or "".
func (p *textParser) neighbour(i, dir int) string {
	for j := i + dir; j >= 0 && j < len(p.lines); j += dir {
		if t := strings.TrimSpace(p.lines[j]); t != "" {
			return t
		}
	}
	return ""
}

// line reads the card-like line i (and any lines its card spans) and returns
// the index of the last line it used.
func (p *textParser) line(i int) int {
	raw := p.lines[i]
	t := strings.TrimSpace(raw)
	if t == "" {
		return i
	}
	if raw == t && p.isHeading(i) {
		m := textHeading.MatchPrefix(t)
		p.setSection(strings.TrimSpace(m[2]))
		return i
	}
	if !p.numbered && p.isPlainHeading(i) || closingHeading(raw) {
		p.setSection(t)
		return i
	}
	if p.skip {
		return i
	}
	n := i + 1
	if j, ok := p.gloss[i]; ok {
		p.add(Card{Kind: KindDefinition, Front: t, Back: p.paragraph(j), Line: n})
		return j
	}
	if p.colon[i] {
		p.bullet(n, t)
		return i
	}
	if end, ok := p.table[i]; ok {
		p.gluedTable(i, end)
		return end - 1
	}
	if ('0' <= t[0] && t[0] <= '9' || t[0] == 'Q') && len(t) <= 24 && textCounter.MatchString(t) {
		return p.counted(i)
	}
	// The first character rules out most shapes before a regexp runs.
	lead := strings.TrimPrefix(t, "**")
	switch {
	case strings.HasPrefix(lead, "Scenario"):
		if m := textScenario.MatchPrefix(t); m != nil {
			p.scenario(n, m[1], m[2])
		}
	case strings.HasPrefix(lead, "Q"):
		if m := textQuestion.MatchPrefix(t); m != nil && m[2] != "" {
			num, _ := strconv.Atoi(m[1])
			follow := answerMarked
			if m[1] != "" {
				follow = answerParagraphs
			}
			return p.question(i, m[2], num, follow)
		}
	case '0' <= t[0] && t[0] <= '9':
		if m := numberedQuestion(raw, t); m != nil {
			num, _ := strconv.Atoi(m[1])
			return p.question(i, m[2], num, answerParagraphs)
		} else if m := textDoubleStep.MatchPrefix(raw); m != nil {
			p.step(n, m[1], m[2])
		} else if m := textStep.MatchPrefix(raw); m != nil {
			p.step(n, m[1], m[2])
		}
	default:
		if isQuestionEnd(t) && plainQuestion(t) {
			if _, ok := p.faqAnswer(i); ok {
				return p.question(i, t, 0, answerParagraph)
			}
		}
		if m := textBullet.MatchPrefix(raw); m != nil {
			p.bullet(n, m[1])
		}
	}
	return i
}

// setSection starts the section with heading text h.
func (p *textParser) setSection(h string) {
	p.section = h
	p.skip = skipSection.MatchString(h) || boilerSection.MatchString(h) || keySection(h)
	p.tips = tipSection.MatchString(h)
}

// isHeading reports whether line i, at column 0, is a numbered section
// heading: short, not a sentence, followed by a blank line or the end.
func (p *textParser) isHeading(i int) bool {
	m := textHeading.MatchPrefix(p.lines[i])
	if m == nil {
		return false
	}
	text := strings.TrimSpace(m[2])
	if len(strings.Fields(text)) > 12 || strings.HasSuffix(text, ".") || strings.HasSuffix(text, "?") || strings.HasSuffix(text, "？") {
		return false
	}
	if keyAnswer.MatchString(text) {
		return false // "3. B" in an answer key
	}
	return i+1 >= len(p.lines) || strings.TrimSpace(p.lines[i+1]) == ""
}

func (p *textParser) add(c Card) {
	c.Front, c.Back = strings.TrimSpace(c.Front), strings.TrimSpace(c.Back)
	c.Section = p.section
	p.ch.cards = append(p.ch.cards, c)
}

func (p *textParser) warn(line int, msg string) {
	p.ch.warnings = append(p.ch.warnings, Warning{Line: line, Msg: msg})
}

// What may answer a question on a page saved as text, besides an answer
// marker or marked options.
const (
	answerMarked     = iota // nothing else ("Q: …" needs "A:")
	answerParagraph         // the paragraph under it (an FAQ question)
	answerParagraphs        // the paragraphs up to the next question (numbered ones)
)

// question reads the question on line i, whose text after its marker is
// rest: "Q: question *How to answer:* answer"; a question whose answer
// follows on its own line(s) led by an answer marker; multiple choice
// (options, then "Answer: B", a ticked "- [x]" option or the answer key);
// and, as follow allows, a question followed by answer paragraphs. It
// returns the last line used.
func (p *textParser) question(i int, rest string, num int, follow int) int {
	if loc := answerMarker.FindStringIndex(rest); loc != nil && loc[0] > 0 {
		front, back := rest[:loc[0]], rest[loc[1]:]
		if strings.TrimSpace(back) == "" {
			p.warn(i+1, "question without an answer after its answer marker")
			return i
		}
		p.add(Card{Kind: KindQA, Front: front, Back: back, Line: i + 1})
		return i
	}
	end := p.bodyEnd(i + 1)
	body := p.lines[i+1 : end]
	last := end - 1
	for last > i && strings.TrimSpace(p.lines[last]) == "" {
		last--
	}
	if back, why, ok := p.choice(body, num); ok {
		if why != "" {
			p.warn(i+1, why)
			return last
		}
		p.add(Card{Kind: KindQA, Front: rest, Back: back, Line: i + 1})
		return last
	}
	// The answer may follow on its own line(s), led by an answer marker.
	j := i + 1
	for j < len(p.lines) && strings.TrimSpace(p.lines[j]) == "" {
		j++
	}
	if j < len(p.lines) {
		t := strings.TrimSpace(p.lines[j])
		if loc := answerMarker.FindStringIndex(t); loc != nil && loc[0] == 0 {
			back := []string{t[loc[1]:]}
			k := j + 1
			for ; k < len(p.lines) && strings.TrimSpace(p.lines[k]) != ""; k++ {
				back = append(back, strings.TrimSpace(p.lines[k]))
			}
			p.add(Card{Kind: KindQA, Front: rest, Back: strings.Join(back, "\n"), Line: i + 1})
			return k - 1
		}
	}
	if follow == answerParagraph {
		k := i + 1
		for k < len(p.lines) && strings.TrimSpace(p.lines[k]) == "" {
			k++
		}
		start := k
		for k < len(p.lines) && strings.TrimSpace(p.lines[k]) != "" {
			k++
		}
		body, last = p.lines[start:k], k-1
	}
	if follow != answerMarked {
		if back := textBack(body); back != "" {
			p.add(Card{Kind: KindQA, Front: rest, Back: back, Line: i + 1})
			return last
		}
	}
	p.warn(i+1, "question without an answer (want \"How to answer:\", \"A:\" or \"Answer:\")")
	return i
}

// scenario reads "Scenario N: Title *Question:* "…" *How to answer:* …".
// The front is "Scenario N: Title — question", quotes removed; the back is
// the text after the answer marker.
func (p *textParser) scenario(line int, num, rest string) {
	loc := answerMarker.FindStringIndex(rest)
	if loc == nil {
		p.warn(line, "scenario without \"How to answer:\"")
		return
	}
	head, back := rest[:loc[0]], rest[loc[1]:]
	title, question := head, ""
	if q := questionMarker.FindStringIndex(head); q != nil {
		title, question = head[:q[0]], unquote(strings.TrimSpace(head[q[1]:]))
	}
	title = strings.TrimSpace(title)
	if question == "" || strings.TrimSpace(back) == "" {
		p.warn(line, "scenario without a question or an answer")
		return
	}
	front := "Scenario " + num + ": " + title + " — " + question
	if title == "" {
		front = "Scenario " + num + " — " + question
	}
	p.add(Card{Kind: KindScenario, Front: front, Back: back, Tags: []string{"scenario"}, Line: line})
}

// step reads one item "Label: text" of the section's ordered list.
func (p *textParser) step(line int, num, rest string) {
	label, text, ok := splitTerm(rest, false)
	if !ok {
		p.warn(line, "list item without \"Label: text\"")
		return
	}
	pos, _ := strconv.Atoi(num)
	list := p.section
	if list == "" {
		list = p.ch.title
	}
	var tags []string
	if strings.Contains(strings.ToLower(list), "roadmap") {
		tags = []string{"roadmap"}
	}
	p.add(Card{Kind: KindStep, Front: StepFront(list, pos, label), Back: text, Tags: tags, Line: line})
}

// bullet reads "• Term: definition", a tip in a tips section.
func (p *textParser) bullet(line int, rest string) {
	term, text, ok := splitTerm(rest, true)
	if !ok {
		return
	}
	if p.tips {
		p.add(Card{Kind: KindOther, Front: term, Back: text, Tags: []string{"tip"}, Line: line})
		return
	}
	p.add(Card{Kind: KindDefinition, Front: term, Back: text, Line: line})
}

// splitTerm splits "Term: text" at the first ": "; only when there is none,
// and dashes is set, at the first " – " or " — ". A spaced hyphen belongs to
// the term. The term must be short (at most 12 words, no sentence end) and
// both parts non-empty.
func splitTerm(s string, dashes bool) (term, text string, ok bool) {
	i, n := strings.Index(s, ": "), 2
	if j := strings.Index(s, "："); j > 0 && (i < 0 || j < i) {
		i, n = j, len("：")
	}
	if i < 0 && strings.HasSuffix(s, ":") {
		return "", "", false
	}
	if i < 0 && dashes {
		for _, sep := range []string{" – ", " — ", " → "} {
			if j := strings.Index(s, sep); j >= 0 && (i < 0 || j < i) {
				i, n = j, len(sep)
			}
		}
	}
	if i <= 0 {
		return "", "", false
	}
	term, text = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+n:])
	term = strings.TrimSpace(strings.Trim(term, "*"))
	if term == "" || text == "" || len(strings.Fields(term)) > 12 || endsSentence(term) {
		return "", "", false
	}
	return term, text, true
}

// unquote removes one pair of straight or curly quotes around s.
func unquote(s string) string {
	for _, q := range [][2]string{{`"`, `"`}, {"“", "”"}, {"«", "»"}, {"'", "'"}} {
		if len(s) >= len(q[0])+len(q[1]) && strings.HasPrefix(s, q[0]) && strings.HasSuffix(s, q[1]) {
			return strings.TrimSpace(s[len(q[0]) : len(s)-len(q[1])])
		}
	}
	return s
}

// endsSentence reports whether s holds the end of a sentence: ".", "?" or
// "!" at its end or before a space. "Node.js" does not; "It is. Then" does.
func endsSentence(s string) bool {
	for i := 0; i < len(s); i++ {
		if (s[i] == '.' || s[i] == '?' || s[i] == '!') && (i+1 == len(s) || s[i+1] == ' ') {
			return true
		}
	}
	return false
}

var (
	// textCounter is the counter of a quiz item: "1 / 5", "Question 3 of
	// 10".
	textCounter = lazyCompile(`^(?:(?:Question|Q)\s*)?(\d{1,3})\s*(?:/|of)\s*(\d{1,3})$`)
	// textNumberedQ is a numbered question: "3. What is …?".
	textNumberedQ = lazyCompile(`^\s*(\d{1,3})[.)]\s+(\S.*[?？])\s*$`)
	// keyAnswer is the text of an answer-key line after its number: "B",
	// "B – because …".
	keyAnswer = lazyCompile(`^[A-H](?:$|[\s.):,;\-–—])`)
	// textCheckOption is a check-box option: "- [x] 15 minutes".
	textCheckOption = lazyCompile(`^\s*[-*•]\s+\[([ xX✓✔])\]\s+(\S.*)$`)
)

// scan finds what spans lines before the parse: whether the page numbers its
// section headings, glossary runs, glued tables and the answer key.
func (p *textParser) scan() {
	for i, l := range p.lines {
		if l == strings.TrimSpace(l) && l != "" && p.isHeading(i) {
			p.numbered = true
			break
		}
	}
	p.scanGlossary()
	p.scanColons()
	p.scanTables()
	p.scanKey()
	if p.ch.title == "" && !p.numbered {
		// A page without a chapter header: its first heading is its title.
		for i := range p.lines {
			if p.isPlainHeading(i) {
				p.ch.title = p.lines[i]
				break
			}
		}
	}
}

// closingHeading reports whether line l, at column 0, is the heading of a
// section that holds no cards ("Conclusion", "Summary", "Related
// articles"): short, no sentence, and so named. Such a heading ends the
// answer above it even without a blank line around it.
func closingHeading(l string) bool {
	if l == "" || l != strings.TrimSpace(l) || len(l) > 40 || len(strings.Fields(l)) > 4 || endsSentence(l) || strings.HasSuffix(l, ":") {
		return false
	}
	return skipSection.MatchString(l) || boilerSection.MatchString(l)
}

// termLine reports whether l can be a glossary term on a line of its own:
// short, not a sentence, not a question, not another shape.
func termLine(l string) bool {
	t := strings.TrimSpace(l)
	if t == "" || len(t) > 60 || len([]rune(t)) < 2 || len(strings.Fields(t)) > 8 || endsSentence(t) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	first, _ := utf8.DecodeRuneInString(t)
	if strings.ContainsRune(":?？;,", last) || !unicode.IsLetter(first) && !unicode.IsDigit(first) {
		return false
	}
	return !textQuestion.MatchString(t) && !textCounter.MatchString(t) && !textHeading.MatchString(t) && textBullet.FindStringIndex(l) == nil
}

// defLine reports whether l can be the definition under a glossary term: at
// least four words, or a sentence of two or more.
func defLine(l string) bool {
	t := strings.TrimSpace(l)
	if t == "" || isQuestionEnd(t) || textCounter.MatchString(t) {
		return false
	}
	w := len(strings.Fields(t))
	last, _ := utf8.DecodeLastRuneInString(t)
	return w >= 4 || w >= 2 && strings.ContainsRune(".!。", last)
}

// indexLine reports whether l is the letter heading of an A–Z index ("A").
func indexLine(l string) bool {
	t := strings.TrimSpace(l)
	r, n := utf8.DecodeRuneInString(t)
	return n == len(t) && n > 0 && unicode.IsUpper(r)
}

// scanGlossary finds glossary pages: a term on a line of its own, at most one
// blank line, then a definition paragraph of one line, a blank line, then the
// next term (an index letter "A" may stand on the line above it). Three such
// pairs in a row make a run; every pair of a run is a definition.
func (p *textParser) scanGlossary() {
	var run [][2]int
	flush := func() {
		if len(run) >= 3 {
			if p.gloss == nil {
				p.gloss = map[int]int{}
			}
			for _, r := range run {
				p.gloss[r[0]] = r[1]
			}
		}
		run = run[:0]
	}
	next := func(i int) int { // the next non-blank line at or after i
		for i < len(p.lines) && strings.TrimSpace(p.lines[i]) == "" {
			i++
		}
		return i
	}
	for i := next(0); i < len(p.lines); {
		if indexLine(p.lines[i]) {
			i = next(i + 1)
			continue
		}
		j := next(i + 1)
		if !termLine(p.lines[i]) || j >= len(p.lines) || j-i > 2 || !defLine(p.lines[j]) ||
			j+1 < len(p.lines) && strings.TrimSpace(p.lines[j+1]) != "" && !indexLine(p.lines[j+1]) && !termLine(p.lines[j+1]) {
			flush()
			i = j
			continue
		}
		run = append(run, [2]int{i, j})
		i = next(j + 1)
	}
	flush()
}

// numberedQuestion matches textNumberedQ against line raw (trimmed t) once
// t ends with a question mark.
func numberedQuestion(raw, t string) []string {
	if !isQuestionEnd(t) {
		return nil
	}
	return textNumberedQ.FindStringSubmatch(raw)
}

// head returns the first 256 bytes of s or so (cut at a rune boundary):
// enough to match a line's shape against a regexp anchored at its start.
func head(s string) string {
	if len(s) <= 256 {
		return s
	}
	n := 256
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// colonLine reports whether l, at column 0, reads "Term: definition" with a
// term of at most six words, and is no question, answer or heading.
func colonLine(l string) bool {
	if l == "" || l[0] == ' ' || l[0] == '\t' {
		return false
	}
	i := strings.Index(l, ": ")
	if j := strings.Index(l, "："); j > 0 && (i < 0 || j < i) {
		i = j
	}
	if i <= 0 || i > 80 || strings.Count(l[:i], " ") > 5 {
		return false
	}
	l = head(l)
	if l != strings.TrimSpace(l) || textQuestion.MatchString(l) || textHeading.MatchString(l) || textScenario.MatchString(l) {
		return false
	}
	if answerHead.MatchString(plainText(l)) {
		return false
	}
	if loc := answerMarker.FindStringIndex(l); loc != nil && loc[0] == 0 {
		return false
	}
	term, _, ok := splitTerm(l, true)
	return ok && len(strings.Fields(term)) <= 6
}

// scanColons finds glossaries written as "Term: definition" lines at column
// 0: three or more such lines with nothing but blank lines between them.
func (p *textParser) scanColons() {
	var run []int
	flush := func() {
		if len(run) >= 3 {
			if p.colon == nil {
				p.colon = map[int]bool{}
			}
			for _, i := range run {
				p.colon[i] = true
			}
		}
		run = run[:0]
	}
	for i, l := range p.lines {
		switch {
		case strings.TrimSpace(l) == "":
		case colonLine(l):
			run = append(run, i)
		default:
			flush()
		}
	}
	flush()
}

// paragraph returns line j and the non-blank lines after it, joined.
func (p *textParser) paragraph(j int) string {
	var out []string
	for ; j < len(p.lines) && strings.TrimSpace(p.lines[j]) != ""; j++ {
		out = append(out, strings.TrimSpace(p.lines[j]))
	}
	return strings.Join(out, "\n")
}

// glue returns where the cells of a table row glued together meet: the first
// lower-case letter followed by a capital or a digit ("Duration130
// minutes", "FormatSingle choice"), or -1. When a run of capitals follows
// and its last one starts a word ("DynamoDBFast reads"), the run but that
// last capital belongs to the left cell.
func glue(s string) int {
	prev := rune(0)
	for i, r := range s {
		if unicode.IsLower(prev) && (unicode.IsUpper(r) || unicode.IsDigit(r)) {
			if unicode.IsUpper(r) {
				return i + acronym(s[i:])
			}
			return i
		}
		prev = r
	}
	return -1
}

// acronym returns the length of the capitals that open s and belong before
// a capitalized word right after them ("DB" in "DBFast"), or 0.
func acronym(s string) int {
	n, last := 0, 0
	for i, r := range s {
		if !unicode.IsUpper(r) {
			if unicode.IsLower(r) && n >= 3 {
				return last
			}
			return 0
		}
		n++
		last = i
	}
	return 0
}

// scanTables finds tables whose cells were glued together when the page was
// saved as text: three or more consecutive short lines, none a bullet or a
// numbered line, each with a glue point. The first row is the header.
func (p *textParser) scanTables() {
	start := -1
	for i := 0; i <= len(p.lines); i++ {
		ok := i < len(p.lines)
		if ok {
			l := p.lines[i]
			t := strings.TrimSpace(l)
			ok = t != "" && len(t) <= 100 && glue(t) > 0 && textBullet.FindStringIndex(l) == nil &&
				!textHeading.MatchString(t) && !textQuestion.MatchString(t) && !endsSentence(t[:glue(t)])
		}
		if ok {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && i-start >= 3 {
			if p.table == nil {
				p.table = map[int]int{}
			}
			p.table[start] = i
		}
		start = -1
	}
}

// gluedTable reads the rows of a glued table from line start to end
// (exclusive); the header row is no card.
func (p *textParser) gluedTable(start, end int) {
	for i := start + 1; i < end; i++ {
		t := strings.TrimSpace(p.lines[i])
		k := glue(t)
		p.add(Card{Kind: KindDefinition, Front: t[:k], Back: t[k:], Line: i + 1})
	}
}

// scanKey reads an answer key: a heading "Answer key" or "Answers" followed
// by lines like "3. B", "Q3: B – because …".
func (p *textParser) scanKey() {
	in := false
	for _, l := range p.lines {
		t := strings.TrimSpace(l)
		if len(t) <= 60 && keySection(cleanHeading(t)) {
			in = true
			continue
		}
		if !in || t == "" {
			continue
		}
		p.key = addKeyLine(p.key, t)
	}
}

// isPlainHeading reports whether line i is a heading without a number, on a
// page that numbers none: a short line (at most ten words) with blank lines
// (or the start) around it that is not a sentence and not another shape.
func (p *textParser) isPlainHeading(i int) bool {
	t := strings.TrimSpace(p.lines[i])
	if t != p.lines[i] || len(t) > 80 || len(strings.Fields(t)) > 10 || endsSentence(t) {
		return false
	}
	if _, ok := p.gloss[i]; ok {
		return false
	}
	if _, ok := p.table[i]; ok {
		return false
	}
	if p.colon[i] {
		return false
	}
	if i > 0 && strings.TrimSpace(p.lines[i-1]) != "" || i+1 < len(p.lines) && strings.TrimSpace(p.lines[i+1]) != "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	first, _ := utf8.DecodeRuneInString(t)
	if strings.ContainsRune(":?？;,", last) || !unicode.IsUpper(first) && !unicode.IsDigit(first) {
		return false
	}
	if answerHead.MatchString(strings.TrimLeftFunc(plainText(t), func(r rune) bool { return !unicode.IsLetter(r) })) {
		return false
	}
	if loc := answerMarker.FindStringIndex(t); loc != nil && loc[0] == 0 {
		return false
	}
	return !textQuestion.MatchString(t) && !textCounter.MatchString(t) && !textScenario.MatchString(t) && !textNumberedQ.MatchString(t)
}

// bodyEnd returns the line that ends the body of a question starting at line
// i: the next question, quiz counter, scenario or section heading, or the
// end.
func (p *textParser) bodyEnd(i int) int {
	for ; i < len(p.lines); i++ {
		raw := p.lines[i]
		t := strings.TrimSpace(raw)
		if t == "" {
			continue
		}
		if raw == t && p.isHeading(i) || !p.numbered && p.isPlainHeading(i) {
			return i
		}
		if isQuestionEnd(t) && plainQuestion(t) && raw == t || closingHeading(raw) {
			return i
		}
		if textCounter.MatchString(t) || textScenario.MatchString(head(t)) || numberedQuestion(raw, t) != nil || len(t) <= 60 && keySection(cleanHeading(t)) {
			return i
		}
		if m := textQuestion.MatchPrefix(t); m != nil && m[2] != "" {
			return i
		}
		if _, ok := p.gloss[i]; ok {
			return i
		}
		if _, ok := p.table[i]; ok {
			return i
		}
		if p.colon[i] {
			return i
		}
	}
	return i
}

// faqAnswer returns the line where the answer to the plain question on
// line i starts (an FAQ page: the question on a line of its own, its answer
// on the next line or after one blank line), and false when the next text
// is no answer: another question, a heading, a bullet or a quiz counter.
func (p *textParser) faqAnswer(i int) (int, bool) {
	j := i + 1
	if j < len(p.lines) && strings.TrimSpace(p.lines[j]) == "" {
		j++
	}
	if j >= len(p.lines) {
		return 0, false
	}
	t := strings.TrimSpace(p.lines[j])
	if t == "" || isQuestionEnd(t) || textCounter.MatchString(t) || textBullet.MatchString(head(p.lines[j])) {
		return 0, false
	}
	if p.isHeading(j) || !p.numbered && p.isPlainHeading(j) {
		return 0, false
	}
	if m := textQuestion.MatchPrefix(head(t)); m != nil {
		return 0, false
	}
	return j, true
}

// counted reads a quiz item led by a counter line ("2 / 5"): the next line
// asks, the lines after it answer (or hold options and the right one).
func (p *textParser) counted(i int) int {
	q := i + 1
	for q < len(p.lines) && strings.TrimSpace(p.lines[q]) == "" {
		q++
	}
	if q >= len(p.lines) || textCounter.MatchString(strings.TrimSpace(p.lines[q])) {
		return i
	}
	num, _ := strconv.Atoi(textCounter.FindStringSubmatch(strings.TrimSpace(p.lines[i]))[1])
	return p.question(q, strings.TrimSpace(p.lines[q]), num, answerParagraphs)
}

// choice reads multiple-choice options in body, the lines after a question
// numbered num. It reports false when body holds no options; otherwise the
// back (the right option's text and any explanation), or why there is none.
func (p *textParser) choice(body []string, num int) (back, why string, ok bool) {
	var opts []option
	first, last := -1, -1
	for k, l := range body {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		var got []option
		if m := textCheckOption.FindStringSubmatch(l); m != nil {
			got = []option{{letter: string(rune('A' + len(opts)%26)), text: m[2], ticked: m[1] != " "}}
		} else {
			got = splitOptions(t)
		}
		if len(got) == 0 {
			if first >= 0 {
				break
			}
			continue
		}
		if first < 0 {
			first = k
		}
		last = k
		opts = append(opts, got...)
	}
	if len(opts) < 2 {
		return "", "", false
	}
	letters, expl := ticked(opts), ""
	after := body[last+1:]
	if letters == nil {
		for k, l := range after {
			if lt, e, found := answerLine(strings.TrimSpace(l), opts); found {
				letters, expl, after = lt, e, after[k+1:]
				break
			}
		}
	}
	if letters == nil && num > 0 {
		if k, found := p.key[num]; found {
			letters, expl = []string{k.letter}, k.explanation
		}
	}
	back, why = choiceBack(opts, letters, expl, textBack(after))
	return back, why, true
}

// textBack joins answer lines: blank lines dropped, bullets removed, every
// bullet item but the last ending in ";" unless it ends in punctuation.
func textBack(lines []string) string {
	var out []string
	prevBullet := false
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		m := textBullet.MatchPrefix(l)
		if m != nil {
			t = strings.TrimSpace(m[1])
		}
		if m != nil && prevBullet && len(out) > 0 && !endsWithPunct(out[len(out)-1]) {
			out[len(out)-1] += ";"
		}
		prevBullet = m != nil
		out = append(out, t)
	}
	return strings.Join(out, "\n")
}
