package deck

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Markdown and HTML chapters are first turned into the same sequence of
// blocks (headings, paragraphs, lists, code, tables, definition lists,
// <details>), and one card finder reads that sequence. What makes a card:
//
//	## 3. What is a cold start?      a question heading (ends with "?" or "？",
//	<answer blocks>                   or starts "Q:", "Q3." …; a numbered heading
//	                                  right over options too): the answer runs to
//	                                  the next heading of the same or a higher
//	                                  level, a rule or the next question
//	### S3 bucket –                   a term heading (ends with ":", " -", "–",
//	<definition blocks>               "—", "→"), or any sub-heading of a
//	                                  Glossary section: a definition
//	**Q4.** Which …? / ✅ 7. What …?  a question paragraph: its first line asks,
//	**Why …?** / Does SQS …?          the rest and the blocks up to the next
//	                                  question, heading or rule answer (a plain
//	                                  or emphasized one-line question needs an
//	                                  answer under it, else it is prose)
//	Q: … A: …                         a question and its answer on one line
//	<details><summary>Q</summary>A    a question and its answer; a heading that
//	                                  opens the answer is a label and dropped
//	- Term: definition                a definition list item ("Term – …",
//	- **Term** → use                  "Term — …", "Term → …", "Term：…" too; a
//	                                  tip in a Tips section); in an ordered list
//	                                  a step; only when at least half the items
//	                                  of the list read so
//	**Term** — definition             a glossary paragraph (not "**Note:**" and
//	                                  other lead-ins)
//	| Term | Definition |             a two-column table row (the header row is
//	                                  no card); a Question|Answer or
//	                                  Term|Definition header picks those columns;
//	                                  a leading column of row numbers is dropped;
//	                                  wider rows give "other" cards
//	<dl><dt>Term<dd>Definition        a definition (Markdown "Term\n: def" too)
//
// Not cards: a table of contents (it ends at the next heading of any level),
// the sections of introductions, summaries, contributing, licence and answer
// keys, paragraphs that are only a link, prose.
//
// Multiple choice: when the blocks of a question (or of a run of blocks
// between headings and rules, such as "**Scenario:** … **Which …?**") hold
// options ("A) …", "B. …", "(c) …", "- [ ] …"), the file must say which is
// right: ticked "- [x]" options, a line "Correct answer: B" (also "Answer: B
// and D", "Answer: " and an option's text, "✅ **Correct Answer:** **B**"),
// or an answer-key section ("Answer key", "Answers") with lines like "3. B".
// The back is the right option's text (several joined by "; ") and whatever
// explanation follows; the other options are no cards. A question whose
// options are not answered is skipped with a warning. A run that opens with
// "Scenario:" gives a scenario card whose front starts with the section.
//
// In card text, paragraphs keep the Markdown subset (*em*, **strong**,
// `code`); a soft line break becomes a space, a hard one ("<br>", two
// trailing spaces) a line break; entities are resolved and escapes dropped,
// except before the subset's markers. A list in a back gives one line per
// item without its bullet or number, each item but the last ending in ";"
// unless it ends in punctuation; in a front the items run on one line,
// joined by "; ". A code block in a back keeps its lines, each line written
// as a `code` span (indentation kept inside the span), so every exporter
// that renders the subset shows it in a monospaced font.

// blockKind says what a block is.
type blockKind int

const (
	blockHeading blockKind = iota
	blockPara
	blockList
	blockCode
	blockTable
	blockDefs // a definition list: pairs of term and definition
	blockDetails
	blockRule
	blockOpenDetails  // <details> whose </details> comes in a later block
	blockCloseDetails // the </details> that ends it
)

// block is one block of a Markdown or HTML chapter.
type block struct {
	kind  blockKind
	line  int    // 1-based source line, 0 when unknown
	level int    // heading level 1–6
	text  string // heading text, or <summary> text for details
	// Paragraph lines in the Markdown subset; hard[i] reports a hard line
	// break after lines[i] (else a soft one). Code lines for code blocks.
	lines    []string
	hard     []bool
	linkOnly bool // a paragraph that is nothing but a link
	asks     int8 // 1 + questionPara's strength, once computed; 0 before
	// The parts of lists, tables, definition lists and details, kept out of
	// line so that the many paragraphs and headings stay small; set for
	// blocks of those kinds, nil for the others.
	*parts
}

// parts holds what only some kinds of block have.
type parts struct {
	ordered bool
	start   int        // the number of an ordered list's first item
	items   []item     // list items
	rows    [][]string // table rows
	header  bool       // the first table row is a header
	defs    [][2]string
	defLine []int   // the source line of each of defs, 0 when unknown
	body    []block // details content
}

// item is one list item: its check box state and its blocks.
type item struct {
	check  int // 0 no check box, 1 unticked, 2 ticked
	blocks []block
	line   int
}

// para returns a paragraph block of one line.
func para(line int, s string) block {
	return block{kind: blockPara, line: line, lines: []string{s}, hard: []bool{false}}
}

// nestDetails folds the blocks between an open and a close marker into a
// details block. A marker without its partner is closed at the end.
func nestDetails(bs []block) []block {
	markers := false
	for i := range bs {
		if bs[i].kind == blockOpenDetails || bs[i].kind == blockCloseDetails {
			markers = true
			break
		}
	}
	if !markers {
		return bs
	}
	out := make([]block, 0, len(bs))
	var stack []int // indexes into out of open details
	for _, b := range bs {
		switch b.kind {
		case blockOpenDetails:
			stack = append(stack, len(out))
			out = append(out, block{kind: blockDetails, line: b.line, text: b.text, parts: &parts{}})
		case blockCloseDetails:
			if len(stack) == 0 {
				continue
			}
			out = closeDetails(out, stack[len(stack)-1])
			stack = stack[:len(stack)-1]
		default:
			out = append(out, b)
		}
	}
	for len(stack) > 0 {
		out = closeDetails(out, stack[len(stack)-1])
		stack = stack[:len(stack)-1]
	}
	return out
}

func closeDetails(out []block, at int) []block {
	d := out[at]
	d.body = append([]block(nil), out[at+1:]...)
	out = append(out[:at], d)
	return out
}

// blockParser finds cards in a sequence of blocks.
type blockParser struct {
	ch       chapter
	section  string
	level    int  // heading level of the section
	skip     bool // the section holds no cards
	tips     bool // bullets are tips
	glossary bool // sub-headings are terms
	contents bool // the section is a table of contents
	// before and beforeLevel are the section a table of contents
	// interrupted.
	before      string
	beforeLevel int
	key         map[int]keyEntry
	// noChoiceUntil is the index of the first block that may start a
	// multiple-choice run: the blocks before it were found to hold no
	// options.
	noChoiceUntil int
}

// keyEntry is one line of an answer key.
type keyEntry struct {
	letter      string
	explanation string
}

// addKeyLine adds an answer-key line ("3. B – why") to key, made when nil,
// and returns key; any other line leaves it as it is.
func addKeyLine(key map[int]keyEntry, line string) map[int]keyEntry {
	m := keyLine.FindStringSubmatch(line)
	if m == nil {
		return key
	}
	if key == nil {
		key = map[int]keyEntry{}
	}
	n, _ := strconv.Atoi(m[1])
	key[n] = keyEntry{letter: strings.ToUpper(m[2]), explanation: strings.TrimSpace(m[3])}
	return key
}

var (
	// (questionLead, which strips what leads a question, is done by hand.)
	// "#", keycap digits, numbering ("3.", "3)", "3", "Q3.", "Q:",
	// "Question 3:"), emphasis around the lead.
	numberLead = lazyCompile(`^(?:[\s#•·▪◦●✅✔☑➤►▶-]|\*\*|\x{FE0F}|\x{20E3})*\d{1,3}(?:\s*[.):]|\x{FE0F}?\x{20E3}|\s)\s*`)
	keyHeading = lazyCompile(`(?i)^(?:answer\s*key|answers|answer\s*sheet|solutions|ключ(?:\s+відповідей)?|відповіді|réponses|lösungen|解答)$`)
	keyLine    = lazyCompile(`^(?:Q\s*)?(\d{1,3})\s*[.):\-–—]?\s*\(?([A-Ha-h])\)?(?:$|[\s.):,;\-–—]+(.*))`)
)

// skipSections extends skipSection with the headings of repository and page
// boilerplate.
var boilerSection = lazyCompile(`(?i)^(?:table of contents|contents|toc|contributing|contributors|licen[cs]e|credits|acknowledg(?:e)?ments|about the authors?|related(?: posts| articles)?|see also|share this|comments|changelog|installation|usage)\b`)

// contentsSection matches the heading of a table of contents, which ends at
// the next heading of any level.
var contentsSection = lazyCompile(`(?i)^(?:table of contents|contents|toc|зміст|sommaire|inhalt|inhaltsverzeichnis|目次)$`)

// glossarySection matches the headings of sections whose sub-headings are
// terms.
var glossarySection = lazyCompile(`(?i)\b(?:glossary|glossaire|glossar|terms|terminology|vocabulary|definitions|словник|用語集)\b`)

// parseBlocks finds the cards in bs, the blocks of a chapter.
func parseBlocks(bs []block) chapter {
	p := &blockParser{}
	bs = expandParas(nestDetails(bs))
	for _, b := range bs {
		if b.kind == blockHeading && b.level == 1 {
			p.ch.title = plainText(b.text)
			break
		}
	}
	p.findKey(bs)
	p.blocks(bs)
	return p.ch
}

// findKey reads the answer-key sections of bs.
func (p *blockParser) findKey(bs []block) {
	for i := 0; i < len(bs); i++ {
		if bs[i].kind != blockHeading || !keySection(cleanHeading(bs[i].text)) {
			continue
		}
		for j := i + 1; j < len(bs) && !(bs[j].kind == blockHeading && bs[j].level <= bs[i].level); j++ {
			lines := blockLines(bs[j])
			if bs[j].kind == blockList && bs[j].ordered {
				lines = nil
				for n, it := range bs[j].items {
					if len(it.blocks) > 0 && it.blocks[0].kind == blockPara {
						lines = append(lines, strconv.Itoa(bs[j].start+n)+". "+it.blocks[0].lines[0])
					}
				}
			}
			for _, l := range lines {
				p.key = addKeyLine(p.key, plainText(l))
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

func (p *blockParser) add(c Card) {
	// Entities decoded from HTML may spell a character in parts: NFC again.
	c.Front, c.Back = norm.NFC.String(strings.TrimSpace(c.Front)), norm.NFC.String(strings.TrimSpace(c.Back))
	if c.Front == "" || c.Back == "" {
		return
	}
	c.Section = norm.NFC.String(p.section)
	p.ch.cards = append(p.ch.cards, c)
}

func (p *blockParser) warn(line int, msg string) {
	p.ch.warnings = append(p.ch.warnings, Warning{Line: line, Msg: msg})
}

// blocks reads a sequence of blocks at the top level of the chapter.
func (p *blockParser) blocks(bs []block) {
	for i := 0; i < len(bs); {
		i = p.block(bs, i)
	}
}

// block reads the block bs[i] (and any blocks its card spans) and returns the
// index of the next block to read.
func (p *blockParser) block(bs []block, i int) int {
	b := bs[i]
	switch b.kind {
	case blockHeading:
		return p.heading(bs, i)
	case blockDetails:
		if !p.skip {
			p.details(b)
		}
		return i + 1
	}
	if p.skip {
		return i + 1
	}
	if b.kind == blockPara && askStrength(&bs[i]) > 0 {
		if q, num, rest, strength := questionPara(b); strength > 0 {
			j := p.unitEnd(bs, i+1, 1)
			body := bs[i+1 : j]
			hard := b.hard[len(b.lines)-len(rest):]
			if loc := inlineAnswer(q); loc != nil && loc[0] > 0 {
				// "Q: question A: answer" on one line.
				rest = append([]string{q[loc[1]:]}, rest...)
				hard = append([]bool{false}, hard...)
				q = strings.TrimSpace(q[:loc[0]])
			}
			if len(rest) > 0 {
				body = append([]block{{kind: blockPara, line: b.line, lines: rest, hard: hard}}, body...)
			}
			if strength == 1 && renderBack(body) == "" {
				return j // a question in passing, not a card
			}
			p.question(b.line, q, num, body)
			return j
		}
	}
	if j, ok := p.choiceUnit(bs, i); ok {
		return j
	}
	switch b.kind {
	case blockPara:
		p.termPara(b)
	case blockList:
		p.list(b)
	case blockTable:
		p.table(b)
	case blockDefs:
		for n, d := range b.defs {
			line := b.line
			if n < len(b.defLine) && b.defLine[n] > 0 {
				line = b.defLine[n]
			}
			p.add(Card{Kind: KindDefinition, Front: d[0], Back: d[1], Line: line})
		}
	}
	return i + 1
}

// unitEnd returns the index of the first block at or after i that ends a
// question's answer: a heading, a rule, a details block or a question
// paragraph of at least the given strength (see questionPara).
func (p *blockParser) unitEnd(bs []block, i, strength int) int {
	for ; i < len(bs); i++ {
		switch bs[i].kind {
		case blockHeading, blockRule, blockDetails:
			return i
		case blockPara:
			if askStrength(&bs[i]) >= strength {
				return i
			}
		}
	}
	return i
}

// heading reads a heading: a question, a term, or a new section.
func (p *blockParser) heading(bs []block, i int) int {
	h := bs[i]
	if p.contents {
		// A table of contents ends at the first heading after it.
		p.section, p.level, p.skip, p.contents = p.before, p.beforeLevel, false, false
	}
	q, num, ok := questionText(h.text)
	end := i + 1
	for ; end < len(bs); end++ {
		b := bs[end]
		if b.kind == blockRule || b.kind == blockHeading && (b.level <= h.level || isQuestionHeading(b.text)) {
			break
		}
		if askStrength(&bs[end]) == 2 {
			break
		}
	}
	if !ok && numberLead.MatchString(h.text) {
		// A numbered heading right over options asks even without "?".
		if k, opts := findOptions(bs[i+1 : end]); opts != nil && k == 0 {
			q, ok = cleanHeading(h.text), true
		}
	}
	if ok && !p.skip {
		p.question(h.line, q, num, bs[i+1:end])
		return end
	}
	if term, ok := termHeading(h.text); ok && !p.skip || p.glossary && h.level > p.level && !p.skip && i+1 < len(bs) && bs[i+1].kind == blockPara {
		if !ok {
			term = cleanHeading(h.text)
		}
		j := i + 1
		for ; j < len(bs) && bs[j].kind != blockHeading && bs[j].kind != blockRule; j++ {
		}
		back := renderBack(bs[i+1 : j])
		if back == "" {
			p.warn(h.line, "term heading without a definition under it")
		}
		p.add(Card{Kind: KindDefinition, Front: term, Back: back, Line: h.line})
		return j
	}
	name := cleanHeading(h.text)
	short := len(name) <= 60 // the headings that skip or mark a section are short
	if short && contentsSection.MatchString(name) {
		p.before, p.beforeLevel = p.section, p.level
		p.skip, p.contents = true, true
		return i + 1
	}
	p.section = name
	p.level = h.level
	p.skip = short && (skipSection.MatchString(name) || boilerSection.MatchString(name) || keySection(name))
	lower := strings.ToLower(name)
	p.tips = containsAny(lower, "tip", "advice", "practice", "don", "pitfall") && tipSection.MatchString(name)
	p.glossary = containsAny(lower, "gloss", "term", "vocab", "defin", "словник", "用語") && glossarySection.MatchString(name)
	return i + 1
}

// details reads <details><summary>question</summary> answer</details>. A
// heading that opens the answer is a category label and is dropped.
func (p *blockParser) details(b block) {
	q, num, ok := questionText(b.text)
	if !ok {
		q = cleanHeading(b.text)
	}
	body := b.body
	if len(body) > 0 && body[0].kind == blockHeading {
		body = body[1:]
	}
	if q == "" {
		return
	}
	p.question(b.line, q, num, body)
}

// question makes the card of question q (numbered num, 0 when unnumbered),
// whose answer is body: an answer written out, or options with the right
// one marked.
func (p *blockParser) question(line int, q string, num int, body []block) {
	back, why := p.answer(num, body)
	if why != "" {
		p.warn(line, why)
		return
	}
	p.add(Card{Kind: KindQA, Front: q, Back: back, Line: line})
}

// answer returns the back of a question from its body, or why there is none.
func (p *blockParser) answer(num int, body []block) (back, why string) {
	if k, opts := findOptions(body); opts != nil {
		return p.choice(num, opts, body[k+1:])
	}
	back = renderBack(body)
	if back == "" {
		return "", "question without an answer under it"
	}
	return stripAnswerLead(back), ""
}

// choice resolves options opts; after holds the blocks after them, where an
// answer line and an explanation may be.
func (p *blockParser) choice(num int, opts []option, after []block) (back, why string) {
	letters, expl := ticked(opts), ""
	rest := after
	if letters == nil {
		for i, b := range after {
			if b.kind != blockPara {
				continue
			}
			if l, e, ok := answerLine(b.lines[0], opts); ok {
				letters, expl = l, e
				extra := b.lines[1:]
				rest = after[i+1:]
				if len(extra) > 0 {
					rest = append([]block{{kind: blockPara, lines: extra, hard: b.hard[1:]}}, rest...)
				}
				break
			}
		}
	}
	if letters == nil && num > 0 {
		if k, ok := p.key[num]; ok {
			letters, expl = []string{k.letter}, k.explanation
		}
	}
	return choiceBack(opts, letters, expl, renderBack(rest))
}

// choiceBack writes the back of a multiple-choice card: the text of the
// options named by letters (joined by "; "), then the explanation and the
// text after the answer, each its own paragraph. why says what is missing
// when there is no back.
func choiceBack(opts []option, letters []string, expl, rest string) (back, why string) {
	if letters == nil {
		return "", "multiple-choice question without a marked answer; skipped"
	}
	var texts []string
	for _, l := range letters {
		found := false
		for _, o := range opts {
			if o.letter == l && o.text != "" {
				texts, found = append(texts, o.text), true
				break
			}
		}
		if !found {
			return "", "answer " + l + " names no option; skipped"
		}
	}
	parts := []string{strings.Join(texts, "; ")}
	if e := strings.TrimSpace(expl); e != "" && (len(texts) != 1 || !strings.EqualFold(plainText(e), plainText(texts[0]))) {
		parts = append(parts, e)
	}
	if rest != "" {
		parts = append(parts, rest)
	}
	return strings.Join(parts, "\n\n"), ""
}

// ticked returns the letters of the ticked options, or nil.
func ticked(opts []option) []string {
	var out []string
	for _, o := range opts {
		if o.ticked {
			out = append(out, o.letter)
		}
	}
	return out
}

// option is one option of a multiple-choice question.
type option struct {
	letter string // "A", "B", … (given by position for check boxes)
	text   string
	ticked bool
}

var (
	optionLine    = lazyCompile(`^\(?([A-Ha-h])[.)]\s+(\S.*)$`)
	answerHead    = lazyCompile(`(?i)^(?:correct\s+answers?|right\s+answers?|correct\s+options?|answers?|ans|відповідь|правильна\s+відповідь|réponse|bonne\s+réponse|antwort|richtige\s+antwort|respuesta|正解|答え)\s*[:：]\s*`)
	answerLetters = lazyCompile(`^\(?([A-H])\)?((?:\s*(?:,|and|&|/|\+)\s*\(?[A-H]\)?)*)(?:$|[\s.):,;\-–—]+(.*))`)
	answerLead    = lazyCompile(`^(?:\*\*)?(?:A\d*|Answer(?:\s*\d+)?|How to answer)\s*:(?:\*\*)?\s*`)
)

// findOptions returns the index of the first block of body that lists
// options, and the options; nil when there are none.
func findOptions(body []block) (int, []option) {
	for k, b := range body {
		switch b.kind {
		case blockList:
			if !mayBeOptions(b) {
				continue
			}
			var opts []option
			checks, letters := 0, 0
			for n, it := range b.items {
				t := renderFront(it.blocks)
				if it.check > 0 {
					checks++
				}
				o := option{letter: string(rune('A' + n%26)), text: t, ticked: it.check == 2}
				if it.check > 0 || !mayBeOption(t) {
					opts = append(opts, o)
					continue
				}
				if m := optionLine.FindStringSubmatch(plainText(t)); m != nil {
					letters++
					o = tickOption(strings.ToUpper(m[1]), stripOptionLead(t))
				}
				opts = append(opts, o)
			}
			if checks >= 2 && checks == len(opts) || letters == len(opts) && lettered(opts) {
				return k, opts
			}
		case blockPara:
			if !mayBeOption(b.lines[0]) {
				continue
			}
			var opts []option
			all := true
			for _, l := range b.lines {
				got := splitOptions(l)
				all = all && len(got) > 0
				opts = append(opts, got...)
			}
			if all && len(opts) >= 2 && lettered(opts) {
				return k, opts
			}
		}
	}
	return 0, nil
}

// mayBeOptions reports cheaply whether list b can hold options: its first
// item has a check box or starts with an option letter.
func mayBeOptions(b block) bool {
	if len(b.items) < 2 {
		return false
	}
	it := b.items[0]
	if it.check > 0 {
		return true
	}
	return len(it.blocks) > 0 && it.blocks[0].kind == blockPara && mayBeOption(it.blocks[0].lines[0])
}

// lettered reports whether opts are lettered A, B, C … in order.
func lettered(opts []option) bool {
	if len(opts) < 2 {
		return false
	}
	for i, o := range opts {
		if o.letter != string(rune('A'+i)) {
			return false
		}
	}
	return true
}

// inlineOption finds the letters of options written on one line:
// "A) one B) two C) three".
var inlineOption = lazyCompile(`(?:^|\s)\(?([A-H])\)\s+`)

// splitOptions reads the options on line l: "A) …", "B. …", or several on one
// line ("A) … B) … C) …"). A trailing ✅ or "(correct)" ticks an option.
func splitOptions(l string) []option {
	if !mayBeOption(l) {
		return nil
	}
	plain := plainText(l)
	var locs [][]int
	if strings.Count(plain, ") ") >= 2 {
		locs = inlineOption.FindAllStringSubmatchIndex(plain, -1)
	}
	if len(locs) >= 2 && locs[0][0] == 0 {
		var opts []option
		for i, loc := range locs {
			end := len(plain)
			if i+1 < len(locs) {
				end = locs[i+1][0]
			}
			opts = append(opts, tickOption(plain[loc[2]:loc[3]], plain[loc[1]:end]))
		}
		if lettered(opts) {
			return opts
		}
	}
	if m := optionLine.FindStringSubmatch(plain); m != nil {
		return []option{tickOption(strings.ToUpper(m[1]), stripOptionLead(l))}
	}
	return nil
}

// stripOptionLead removes "A) " or "(b). " from the start of s, keeping the
// markup of the rest.
func stripOptionLead(s string) string {
	t := strings.TrimLeft(s, "*_ ")
	if m := optionLine.FindStringSubmatchIndex(t); m != nil {
		return strings.TrimSpace(strings.TrimLeft(t[m[4]:], "*_ "))
	}
	return s
}

func tickOption(letter, text string) option {
	text = strings.TrimSpace(text)
	o := option{letter: letter, text: text}
	for _, mark := range []string{"✅", "✔", "(correct)", "[correct]"} {
		if strings.HasSuffix(text, mark) || strings.HasPrefix(text, mark) {
			o.ticked = true
			o.text = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(text, mark), mark))
		}
	}
	return o
}

// answerLine reads the line that names the right option of opts: "Correct
// answer: B. explanation", "Answer: B and D", "✅ **Correct Answer:** **C**",
// or "Answer: " and an option's text. It returns the letters and the
// explanation; ok is false when l names no option.
func answerLine(l string, opts []option) (letters []string, expl string, ok bool) {
	t := strings.TrimLeftFunc(plainText(l), func(r rune) bool { return !unicode.IsLetter(r) })
	loc := answerHead.FindStringIndex(t)
	if loc == nil {
		return nil, "", false
	}
	rest := strings.TrimSpace(t[loc[1]:])
	for _, o := range opts {
		ot := plainText(o.text)
		if ot != "" && len(rest) >= len(ot) && strings.EqualFold(rest[:len(ot)], ot) {
			return []string{o.letter}, strings.TrimLeft(rest[len(ot):], " .,;:)–—-"), true
		}
	}
	m := answerLetters.FindStringSubmatch(rest)
	if m == nil {
		return nil, "", false
	}
	letters = []string{m[1]}
	for _, r := range m[2] {
		if 'A' <= r && r <= 'H' {
			letters = append(letters, string(r))
		}
	}
	return letters, strings.TrimSpace(m[3]), true
}

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

// choiceUnit reads a run of blocks from bs[i] up to the next heading, rule or
// question that holds options: the blocks before the options ask the
// question. It reports false when the run holds no options.
func (p *blockParser) choiceUnit(bs []block, i int) (int, bool) {
	if i < p.noChoiceUntil {
		return i, false
	}
	j := p.unitEnd(bs, i, 2)
	k, opts := findOptions(bs[i:j])
	if opts == nil {
		p.noChoiceUntil = j
		return i, false
	}
	if k == 0 {
		return i, false
	}
	ask := bs[i : i+k]
	scenario := false
	if len(ask) > 0 && ask[0].kind == blockPara {
		first := plainText(ask[0].lines[0])
		for _, lead := range []string{"Scenario:", "Question:", "Scenario", "Question"} {
			if strings.EqualFold(strings.TrimSpace(first), lead) || strings.HasPrefix(first, lead) && strings.HasSuffix(lead, ":") {
				scenario = scenario || strings.HasPrefix(lead, "Scenario")
				a := ask[0]
				a.lines = append([]string{stripLabel(a.lines[0])}, a.lines[1:]...)
				ask = append([]block{a}, ask[1:]...)
				break
			}
		}
	}
	front := renderFront(ask)
	if front == "" {
		return i, false
	}
	back, why := p.choice(0, opts, bs[i+k+1:j])
	if why != "" {
		p.warn(bs[i].line, why)
		return j, true
	}
	kind := KindQA
	var tags []string
	if scenario {
		kind, tags = KindScenario, []string{"scenario"}
		if p.section != "" {
			front = p.section + " — " + front
		}
	}
	p.add(Card{Kind: kind, Front: front, Back: back, Tags: tags, Line: bs[i].line})
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

// list reads the items of a list outside any question: "Term: definition"
// items are definitions (tips in a Tips section), items of an ordered list
// with "Label: text" are steps. A list is read so only when at least half
// its items have a term or label: in a list of sentences, the odd item that
// starts "Note: …" is no card.
func (p *blockParser) list(b block) {
	type entry struct {
		n          int
		term, text string
		line       int
	}
	var found []entry
	for n, it := range b.items {
		if len(it.blocks) == 0 || it.blocks[0].kind != blockPara {
			continue
		}
		first := it.blocks[0]
		term, text, ok := splitTerm(renderLines(first.lines, first.hard), true)
		if !ok {
			continue
		}
		if more := renderBack(it.blocks[1:]); more != "" {
			text += "\n" + more
		}
		found = append(found, entry{n, term, text, it.line})
	}
	if 2*len(found) < len(b.items) {
		return
	}
	for _, e := range found {
		switch {
		case b.ordered:
			list := p.section
			if list == "" {
				list = p.ch.title
			}
			p.add(Card{Kind: KindStep, Front: StepFront(list, e.n+1, e.term), Back: e.text, Line: e.line})
		case p.tips:
			p.add(Card{Kind: KindOther, Front: e.term, Back: e.text, Tags: []string{"tip"}, Line: e.line})
		default:
			p.add(Card{Kind: KindDefinition, Front: e.term, Back: e.text, Line: e.line})
		}
	}
}

// boldTerm reads a paragraph "**Term**: definition" or "**Term** — definition".
var boldTerm = lazyCompile(`^\*\*([^*]{1,80})\*\*\s*(?::|\s[–—→-])\s+(\S.*)$`)

// leadIns are the bold labels that open a paragraph without naming a term.
var leadIns = lazyCompile(`(?i)^(?:note|notes|example|examples|tip|warning|caution|important|scenario|explanation|answer|question|solution|summary|hint|source|see|update|edit|tl;dr|in short|коротко|приклад|примітка)$`)

// termPara reads a glossary paragraph "**Term**: definition". A paragraph
// whose every line is such a term (two or more lines), or reads "Term:
// definition" (three or more lines, terms of at most six words), is a
// glossary written without blank lines: each line is a definition.
func (p *blockParser) termPara(b block) {
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
				p.add(Card{Kind: KindDefinition, Front: term, Back: text, Line: line})
			}
			return
		}
	}
	if term, text, ok := boldTermLine(renderLines(b.lines, b.hard)); ok {
		p.add(Card{Kind: KindDefinition, Front: term, Back: text, Line: b.line})
	}
}

// metaTerm matches the keys of page metadata ("Author: …", "Updated: …"),
// which no glossary holds.
var metaTerm = lazyCompile(`(?i)^(?:author|authors|by|date|updated|last updated|published|posted|tags|category|categories|title|source|read time|reading time|version|status|draft|layout|permalink|slug|lang|language)$`)

// boldTermLine reads "**Term**: definition" or "**Term** — definition"; a
// lead-in label ("**Note:**") is no term.
func boldTermLine(text string) (term, def string, ok bool) {
	if !strings.HasPrefix(text, "**") {
		return "", "", false
	}
	m := boldTerm.FindStringSubmatch(text)
	if m == nil {
		return "", "", false
	}
	term = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(m[1]), ":"))
	if leadIns.MatchString(term) || len(strings.Fields(term)) > 8 || endsSentence(term) {
		return "", "", false
	}
	return term, m[2], true
}

var (
	frontColumn = lazyCompile(`(?i)^(?:question|questions|q|term|terms|concept|name|service|word|feature|key|keyword|item|питання|термін|question posée|frage|begriff|質問|用語)$`)
	backColumn  = lazyCompile(`(?i)^(?:answer|answers|a|definition|meaning|description|explanation|value|details|use|use case|відповідь|визначення|опис|réponse|définition|antwort|definition|bedeutung|回答|答え|意味|定義)$`)
	numberCell  = lazyCompile(`^(?:#|No\.?|№|\d{1,4}[.)]?)$`)
)

// table reads a table's rows. A header with a question or term column and
// an answer or definition column picks those two; otherwise a leading
// column of row numbers is dropped, two columns give term|definition rows,
// and wider rows give "other" cards whose back names each further column.
// The header row is no card.
func (p *blockParser) table(b block) {
	rows := b.rows
	var head []string
	if b.header && len(rows) > 0 {
		head, rows = rows[0], rows[1:]
	}
	fc, bc := -1, -1
	for c, h := range head {
		h = plainText(h)
		if fc < 0 && frontColumn.MatchString(h) {
			fc = c
		} else if bc < 0 && backColumn.MatchString(h) {
			bc = c
		}
	}
	if fc >= 0 && bc >= 0 {
		kind := KindDefinition
		if strings.HasPrefix(strings.ToLower(plainText(head[fc])), "q") {
			kind = KindQA
		}
		for _, r := range rows {
			if fc < len(r) && bc < len(r) {
				p.add(Card{Kind: kind, Front: r[fc], Back: r[bc], Line: b.line})
			}
		}
		return
	}
	first := 0
	numbered := len(rows) > 0
	for _, r := range rows {
		if len(r) == 0 || !numberCell.MatchString(strings.TrimSpace(r[0])) {
			numbered = false
		}
	}
	if numbered {
		first = 1
	}
	for _, r := range rows {
		if len(r) < first+2 || strings.TrimSpace(r[first]) == "" {
			continue
		}
		if len(r) == first+2 {
			p.add(Card{Kind: KindDefinition, Front: r[first], Back: r[first+1], Line: b.line})
			continue
		}
		var parts []string
		for c := first + 1; c < len(r); c++ {
			if strings.TrimSpace(r[c]) == "" {
				continue
			}
			if c < len(head) && head[c] != "" {
				parts = append(parts, head[c]+": "+r[c])
			} else {
				parts = append(parts, r[c])
			}
		}
		p.add(Card{Kind: KindOther, Front: r[first], Back: strings.Join(parts, "\n"), Line: b.line})
	}
}

// questionPara reports whether paragraph b opens with a question: a first
// line led by a question marker ("Q:", "Q4.", "✅ 7.", "3.") that ends with
// "?" (a "Q" marker needs no "?"), strength 2; or a paragraph that is all
// one emphasized question, strength 1 (inside a multiple-choice run it is
// part of the question). It returns the question, its number, and the
// lines after it; strength 0 when b asks nothing.
func questionPara(b block) (q string, num int, rest []string, strength int) {
	if b.kind != blockPara || len(b.lines) == 0 || b.linkOnly || !mayAsk(b.lines[0]) {
		return "", 0, nil, 0
	}
	first := b.lines[0]
	plain := plainText(first)
	if first[0] != '*' && first[0] < utf8.RuneSelf && unicode.IsLetter(rune(first[0])) && first[0] != 'Q' {
		// No lead: only a plain question can start so.
		if len(b.lines) == 1 && plainQuestion(plain) {
			return strings.TrimSpace(first), 0, nil, 1
		}
		return "", 0, nil, 0
	}
	if qMarked(plain) {
		q, num, _ := questionText(first)
		if q == "" {
			return "", 0, nil, 0
		}
		// A question may run over several lines to its "?".
		if !isQuestionEnd(q) {
			for n := 1; n < len(b.lines) && n < 4; n++ {
				if isQuestionEnd(b.lines[n]) {
					q = joinFront(append([]string{q}, b.lines[1:n+1]...))
					return q, num, b.lines[n+1:], 2
				}
			}
		}
		return q, num, b.lines[1:], 2
	}
	if isQuestionEnd(plain) && numberLead.MatchString(plain) && firstRuneIsMark(plain) {
		if q, num, _ := questionText(first); q != "" {
			return q, num, b.lines[1:], 2
		}
	}
	if isQuestionEnd(plain) && wholeEmphasis(first) {
		if q, num, _ := questionText(first); q != "" {
			return q, num, b.lines[1:], 1
		}
	}
	if len(b.lines) == 1 && plainQuestion(plain) {
		return strings.TrimSpace(first), 0, nil, 1
	}
	return "", 0, nil, 0
}

// plainQuestion reports whether s is one question on its own: it starts
// with a capital, ends with "?", holds no other sentence and at most 30
// words ("Does SQS guarantee ordering?").
func plainQuestion(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) || !isQuestionEnd(s) || len(strings.Fields(s)) > 30 {
		return false
	}
	body := strings.TrimRight(strings.TrimSpace(s), "?？ ")
	return !endsSentence(body) && !strings.ContainsAny(body, "?？")
}

// askStrength returns questionPara's strength for b, computed once.
func askStrength(b *block) int {
	if b.asks == 0 {
		_, _, _, s := questionPara(*b)
		b.asks = int8(s + 1)
	}
	return int(b.asks - 1)
}

// mayAsk reports cheaply whether line l can open a question: a "Q" near
// its start or a question mark at its end.
func mayAsk(l string) bool {
	h := l
	if len(h) > 40 {
		h = h[:40]
	}
	if strings.IndexByte(h, 'Q') >= 0 {
		return true
	}
	t := strings.TrimRight(l, " *_\t")
	return strings.HasSuffix(t, "?") || strings.HasSuffix(t, "？")
}

// mayBeOption reports cheaply whether line l can start with an option
// letter: "A)", "b.", "(c)", "**D.**".
func mayBeOption(l string) bool {
	t := strings.TrimLeft(l, "*_ (")
	if len(t) < 2 {
		return false
	}
	c := t[0] | 0x20
	return c >= 'a' && c <= 'h' && (t[1] == '.' || t[1] == ')')
}

// firstRuneIsMark reports whether s opens with a check mark or bullet (the
// sign of a hand-made question list), not a bare number, which may be a
// sentence.
func firstRuneIsMark(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimSpace(s))
	return strings.ContainsRune("✅✔☑❓❔•·▪◦●➤►▶#", r)
}

// wholeEmphasis reports whether s is one emphasized span ("**Why …?**").
func wholeEmphasis(s string) bool {
	s = strings.TrimSpace(s)
	return len(s) > 4 && strings.HasPrefix(s, "**") && strings.HasSuffix(s, "**") && !strings.Contains(s[2:len(s)-2], "**")
}

func joinFront(lines []string) string {
	var parts []string
	for _, l := range lines {
		if t := strings.TrimSpace(l); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, " ")
}

func isQuestionEnd(s string) bool {
	s = strings.TrimRight(strings.TrimSpace(s), "*_ ")
	return strings.HasSuffix(s, "?") || strings.HasSuffix(s, "？")
}

// isQuestionHeading reports whether heading text asks a question.
func isQuestionHeading(s string) bool {
	_, _, ok := questionText(s)
	return ok
}

// questionText reads a question from heading or summary text s: its lead
// (bullets, check marks, numbering, "Q3.") removed, it must end with "?"
// unless a "Q" marker led it. It returns the question and its number.
func questionText(s string) (q string, num int, ok bool) {
	t := strings.TrimSpace(s)
	// Most text starts with a letter, or with "3. " and a letter: then the
	// lead is read without a regexp, and only a "Q" could mark a question.
	rest, n, quick := quickLead(t)
	marked := !quick && qMarked(plainText(t))
	if !quick {
		rest, n = questionLead(t)
	}
	t, num = strings.TrimSpace(rest), n
	t = strings.TrimSpace(strings.TrimPrefix(strings.TrimSuffix(t, "**"), "**"))
	if strings.Count(t, "**")%2 == 1 {
		t = strings.TrimSpace(strings.Replace(t, "**", "", 1))
	}
	if t == "" || !marked && !isQuestionEnd(t) {
		return "", 0, false
	}
	return t, num, true
}

// questionLead strips what leads a question: bullets, check marks, "#",
// keycap parts and "**", then numbering ("3.", "3)", "3 ", "1️⃣"), or a
// marker ("Q:", "Q3.", "Question 2:", "Q4 "), and the spaces and "**"
// after it. It returns the rest and the number (0 when none).
func questionLead(t string) (rest string, num int) {
	i := 0
	for i < len(t) {
		r, n := utf8.DecodeRuneInString(t[i:])
		if strings.HasPrefix(t[i:], "**") {
			n = 2
		} else if !unicode.IsSpace(r) && !leadRune(r) {
			break
		}
		i += n
	}
	end := -1
	digits := func(j int) (int, int) { // the digits at j: their end and value
		v := 0
		for j < len(t) && '0' <= t[j] && t[j] <= '9' {
			v = v*10 + int(t[j]-'0')
			j++
		}
		return j, v
	}
	spaces := func(j int) int {
		for j < len(t) && (t[j] == ' ' || t[j] == '\t') {
			j++
		}
		return j
	}
	if i < len(t) && t[i] == 'Q' {
		j := i + 1
		word := strings.HasPrefix(t[j:], "uestion")
		if word {
			j += len("uestion")
		}
		d, v := digits(spaces(j))
		if e := spaces(d); e < len(t) && (t[e] == '.' || t[e] == ':' || t[e] == ')') {
			end, num = e+1, v
		} else if d2, v2 := digits(i + 1); d2 > i+1 && d2 < len(t) && (t[d2] == ' ' || t[d2] == '\t') {
			end, num = d2+1, v2
		}
	}
	if end < 0 && i < len(t) && '0' <= t[i] && t[i] <= '9' {
		d, v := i, 0
		for d < len(t) && d-i < 3 && '0' <= t[d] && t[d] <= '9' {
			v = v*10 + int(t[d]-'0')
			d++
		}
		// After the number: optional "." ":" ")" or a keycap, then a space
		// or "**"; without the punctuation when that fails.
		after := func(e int) int {
			if e < len(t) && (t[e] == ' ' || t[e] == '\t') {
				return e + 1
			}
			if strings.HasPrefix(t[e:], "**") {
				return e + 2
			}
			return -1
		}
		e := spaces(d)
		switch {
		case e < len(t) && (t[e] == '.' || t[e] == ':' || t[e] == ')'):
			end = after(e + 1)
		case strings.HasPrefix(t[d:], "\uFE0F\u20E3"):
			end = after(d + len("\uFE0F\u20E3"))
		case strings.HasPrefix(t[d:], "\u20E3"):
			end = after(d + len("\u20E3"))
		}
		if end < 0 {
			end = after(d)
		}
		if end >= 0 {
			num = v
		}
	}
	if end < 0 {
		return t[i:], 0
	}
	for end < len(t) {
		if strings.HasPrefix(t[end:], "**") {
			end += 2
		} else if t[end] == ' ' || t[end] == '\t' {
			end++
		} else {
			break
		}
	}
	return t[end:], num
}

// leadRune reports whether r may lead a question before its marker or
// number: space, "#", "-", bullets, check marks, keycap parts.
func leadRune(r rune) bool {
	switch r {
	case ' ', '\t', '#', '-', '•', '·', '▪', '◦', '●', '✅', '✔', '☑', '❓', '❔', '➤', '►', '▶', 0xFE0F, 0x20E3:
		return true
	}
	return false
}

// qMarked reports whether plain text t opens with a question marker: "Q:",
// "Q3.", "Question 2:", "Q4 " or "1. Q:", after any lead (bullets, check
// marks, "#", keycap parts, "**").
func qMarked(t string) bool {
	i := 0
	for i < len(t) {
		r, n := utf8.DecodeRuneInString(t[i:])
		if strings.HasPrefix(t[i:], "**") {
			n = 2
		} else if !leadRune(r) {
			break
		}
		i += n
	}
	// An optional number before the marker: "1. Q:".
	j := i
	for j < len(t) && j-i < 3 && '0' <= t[j] && t[j] <= '9' {
		j++
	}
	if j > i {
		if j < len(t) && (t[j] == '.' || t[j] == ')') {
			j++
		}
		for j < len(t) && (t[j] == ' ' || t[j] == '\t') {
			j++
		}
		i = j
	}
	if i >= len(t) || t[i] != 'Q' {
		return false
	}
	i++
	word := strings.HasPrefix(t[i:], "uestion")
	if word {
		i += len("uestion")
	}
	k := i
	for k < len(t) && (t[k] == ' ' || t[k] == '\t') {
		k++
	}
	d := k
	for d < len(t) && '0' <= t[d] && t[d] <= '9' {
		d++
	}
	if !word && d > k && k == i && d < len(t) && (t[d] == ' ' || t[d] == '\t') {
		return true // "Q4 "
	}
	for d < len(t) && (t[d] == ' ' || t[d] == '\t') {
		d++
	}
	return d < len(t) && (t[d] == '.' || t[d] == ':' || t[d] == ')')
}

// quickLead strips the plain leads of questionLead ("3. ", "## 12) ",
// "**7.** ") when a letter other than "Q" follows; ok is false for
// anything else, which the regexp reads.
func quickLead(t string) (rest string, num int, ok bool) {
	i := 0
	for i < len(t) {
		if strings.HasPrefix(t[i:], "**") {
			i += 2
		} else if c := t[i]; c == ' ' || c == '\t' || c == '#' || c == '-' {
			i++
		} else {
			break
		}
	}
	j := i
	for j < len(t) && j-i < 3 && '0' <= t[j] && t[j] <= '9' {
		num = num*10 + int(t[j]-'0')
		j++
	}
	if j > i {
		k := j
		for k < len(t) && t[k] == ' ' {
			k++
		}
		if k < len(t) && (t[k] == '.' || t[k] == ':' || t[k] == ')') {
			j = k + 1
		}
		if j >= len(t) || !(t[j] == ' ' || t[j] == '\t' || strings.HasPrefix(t[j:], "**")) {
			return "", 0, false
		}
		for j < len(t) {
			if strings.HasPrefix(t[j:], "**") {
				j += 2
			} else if t[j] == ' ' || t[j] == '\t' {
				j++
			} else {
				break
			}
		}
		i = j
	} else {
		num = 0
	}
	if i >= len(t) || t[i] >= utf8.RuneSelf || !unicode.IsLetter(rune(t[i])) || t[i] == 'Q' {
		return "", 0, false
	}
	return t[i:], num, true
}

// termHeading reads a glossary heading that ends with its separator
// ("S3 bucket –", "Lambda -", "Alias:").
func termHeading(s string) (string, bool) {
	t := strings.TrimSpace(s)
	for _, sep := range []string{":", "–", "—", " -", "→"} {
		if strings.HasSuffix(t, sep) {
			term := cleanHeading(strings.TrimSuffix(t, sep))
			if term != "" && len(strings.Fields(term)) <= 8 && !endsSentence(term) {
				return term, true
			}
		}
	}
	return "", false
}

// keySection reports whether heading text names an answer key.
func keySection(name string) bool {
	if len(name) > 60 {
		return false
	}
	lower := strings.ToLower(name)
	return containsAny(lower, "answ", "solu", "ключ", "відпов", "répon", "lösun", "解答") && keyHeading.MatchString(name)
}

// containsAny reports whether s contains one of words.
func containsAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// inlineAnswer finds an answer marker ("A:", "Answer:", "How to answer:")
// in q, or returns nil.
func inlineAnswer(q string) []int {
	if !strings.ContainsRune(q, ':') || !strings.ContainsRune(q, 'A') && !strings.Contains(q, "nswer") {
		return nil
	}
	return answerMarker.FindStringIndex(q)
}

// cleanHeading removes numbering, keycap digits, bullets and surrounding
// emphasis from heading text.
func cleanHeading(s string) string {
	t := strings.TrimSpace(s)
	if t != "" && t[0] < utf8.RuneSelf && unicode.IsLetter(rune(t[0])) && !strings.HasPrefix(t, "**") {
		return t // nothing leads it
	}
	t = strings.TrimLeft(t, "#•·▪◦●✅✔☑📌➤►▶ \t")
	if loc := numberLead.FindStringIndex(t); loc != nil && loc[1] < len(t) {
		t = t[loc[1]:]
	}
	t = strings.TrimLeftFunc(t, func(r rune) bool {
		return r == 0xFE0F || r == 0x20E3 || unicode.IsSpace(r) || unicode.Is(unicode.So, r)
	})
	t = strings.TrimSpace(t)
	if wholeEmphasis(t) {
		t = strings.TrimSpace(t[2 : len(t)-2])
	}
	return t
}

var markers = strings.NewReplacer("**", "", "`", "", "__", "")

// plainText removes the Markdown subset's markers from s.
func plainText(s string) string {
	if !strings.ContainsAny(s, "*`_") {
		return strings.TrimSpace(s)
	}
	s = markers.Replace(s)
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '*' && (i+1 < len(s) && s[i+1] != ' ' || i > 0 && s[i-1] != ' ') {
			continue
		}
		b.WriteByte(s[i])
	}
	return strings.TrimSpace(b.String())
}

// renderLines joins paragraph lines: a soft break becomes a space, a hard
// one a line break.
func renderLines(lines []string, hard []bool) string {
	var b strings.Builder
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if i > 0 && b.Len() > 0 {
			if hard[i-1] {
				b.WriteString("\n")
			} else {
				b.WriteString(" ")
			}
		}
		b.WriteString(l)
	}
	return strings.TrimSpace(b.String())
}

// renderBack writes blocks as the back of a card (see the package comment
// of this file for lists and code).
func renderBack(bs []block) string {
	var parts []string
	for _, b := range bs {
		if s := renderBlock(b, false); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.TrimSpace(strings.Join(parts, "\n"))
}

// renderFront writes blocks on one line, as a front.
func renderFront(bs []block) string {
	var parts []string
	for i, b := range bs {
		s := renderBlock(b, true)
		if s == "" {
			continue
		}
		if b.kind == blockList && i+1 < len(bs) && !endsWithPunct(s) {
			s += "."
		}
		parts = append(parts, s)
	}
	return strings.TrimSpace(strings.Join(parts, " "))
}

func endsWithPunct(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, "*_` "))
	return strings.ContainsRune(".!?:;。？！", r)
}

// renderBlock writes one block; inline puts it on one line.
func renderBlock(b block, inline bool) string {
	switch b.kind {
	case blockHeading:
		return "**" + cleanHeading(b.text) + "**"
	case blockPara:
		if b.linkOnly {
			return ""
		}
		s := renderLines(b.lines, b.hard)
		if inline {
			s = strings.ReplaceAll(s, "\n", " ")
		}
		return s
	case blockList:
		var items []string
		for _, it := range b.items {
			var s string
			if inline {
				s = renderFront(it.blocks)
			} else {
				s = renderBack(it.blocks)
			}
			if s != "" {
				items = append(items, s)
			}
		}
		if inline {
			for i := range items[:max(len(items)-1, 0)] {
				items[i] = strings.TrimRight(items[i], ";") + ";"
			}
			return strings.Join(items, " ")
		}
		for i := range items[:max(len(items)-1, 0)] {
			if !endsWithPunct(items[i]) {
				items[i] += ";"
			}
		}
		return strings.Join(items, "\n")
	case blockCode:
		var out []string
		for _, l := range b.lines {
			if strings.TrimSpace(l) == "" {
				if !inline {
					out = append(out, "")
				}
				continue
			}
			out = append(out, codeSpan(strings.TrimRight(l, " \t")))
		}
		for len(out) > 0 && out[len(out)-1] == "" {
			out = out[:len(out)-1]
		}
		if inline {
			return strings.Join(out, " ")
		}
		return strings.Join(out, "\n")
	case blockTable:
		var rows []string
		for _, r := range b.rows {
			rows = append(rows, strings.Join(r, " | "))
		}
		if inline {
			return strings.Join(rows, "; ")
		}
		return strings.Join(rows, "\n")
	case blockDefs:
		var rows []string
		for _, d := range b.defs {
			rows = append(rows, d[0]+": "+d[1])
		}
		if inline {
			return strings.Join(rows, "; ")
		}
		return strings.Join(rows, "\n")
	case blockDetails:
		s := cleanHeading(b.text)
		if r := renderBack(b.body); r != "" {
			s += "\n" + r
		}
		return s
	}
	return ""
}

// codeSpan writes one line of code as a `code` span, with a longer fence
// when the line holds backticks.
func codeSpan(l string) string {
	if !strings.Contains(l, "`") {
		return "`" + l + "`"
	}
	fence := "``"
	for strings.Contains(l, fence) {
		fence += "`"
	}
	return fence + " " + l + " " + fence
}

// expandParas splits paragraphs whose lines hold "•" bullets or a new
// marked question (text pasted without blank lines): bullet lines become the
// items of a list (a following plain line continues the item), a question
// line starts a new paragraph. It works through lists and details too.
func expandParas(bs []block) []block {
	if !needsExpand(bs) {
		return bs
	}
	out := make([]block, 0, len(bs)+len(bs)/4+8)
	for _, b := range bs {
		switch b.kind {
		case blockPara:
			out = append(out, splitPara(b)...)
			continue
		case blockList:
			items := make([]item, len(b.items))
			for i, it := range b.items {
				it.blocks = expandParas(it.blocks)
				items[i] = it
			}
			pt := *b.parts
			pt.items = items
			b.parts = &pt
		case blockDetails:
			pt := *b.parts
			pt.body = expandParas(b.body)
			b.parts = &pt
		}
		out = append(out, b)
	}
	return out
}

// needsExpand reports whether expandParas would change bs.
func needsExpand(bs []block) bool {
	for i := range bs {
		b := &bs[i]
		switch b.kind {
		case blockPara:
			for n, l := range b.lines {
				r, _ := utf8.DecodeRuneInString(l)
				if bulletRune(r) || n > 0 && qMarkedLine(l) {
					return true
				}
			}
		case blockList:
			for _, it := range b.items {
				if needsExpand(it.blocks) {
					return true
				}
			}
		case blockDetails:
			if needsExpand(b.body) {
				return true
			}
		}
	}
	return false
}

// bulletRune reports whether r is a bullet that Markdown does not know.
func bulletRune(r rune) bool { return strings.ContainsRune("•·▪◦●‣", r) }

// splitPara splits paragraph b as expandParas describes.
func splitPara(b block) []block {
	split := false
	for n, l := range b.lines {
		r, _ := utf8.DecodeRuneInString(l)
		if bulletRune(r) || n > 0 && qMarkedLine(l) {
			split = true
			break
		}
	}
	if !split {
		return []block{b}
	}
	var out []block
	var cur *block
	inList := false
	for n, l := range b.lines {
		hard := b.hard[n]
		r, size := utf8.DecodeRuneInString(l)
		switch {
		case bulletRune(r):
			t := strings.TrimSpace(l[size:])
			if cur == nil || !inList {
				out = append(out, block{kind: blockList, line: b.line, parts: &parts{}})
				cur, inList = &out[len(out)-1], true
			}
			cur.items = append(cur.items, item{line: b.line, blocks: []block{para(b.line, t)}})
		case inList && !qMarkedLine(l):
			it := &cur.items[len(cur.items)-1]
			p := &it.blocks[0]
			p.hard[len(p.hard)-1] = true
			p.lines, p.hard = append(p.lines, l), append(p.hard, false)
		default:
			if cur == nil || inList || qMarkedLine(l) {
				out = append(out, block{kind: blockPara, line: b.line, linkOnly: b.linkOnly})
				cur, inList = &out[len(out)-1], false
			}
			cur.lines, cur.hard = append(cur.lines, l), append(cur.hard, hard)
		}
	}
	return out
}

// qMarkedLine reports whether line l opens a marked question (strength 2).
func qMarkedLine(l string) bool {
	if !mayAsk(l) {
		return false
	}
	_, _, _, s := questionPara(para(0, l))
	return s == 2
}
