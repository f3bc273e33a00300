package deck

import (
	"regexp"
	"strconv"
	"strings"
)

// A page saved as text is read line by line. What makes a line a card:
//
//	5. Part 1: Core Questions                       section heading (column 0, short)
//	  1. 2. RESTful APIs: Understand HTTP …         step 2 of the section's list (doubled numbering)
//	  3. Cloud Fundamentals: VPCs, IAM …            step 3 (plain indented numbering)
//	  • Term: definition                            definition (a tip in a "Tips" section)
//	Q: question *How to answer:* answer             question and answer (A:, Answer: also)
//	Scenario 1: Title *Question:* "…" *How to answer:* …
//
// Introductions, learning objectives and summaries give no cards; site chrome
// and prose match none of the shapes.

var (
	textChapterLine = regexp.MustCompile(`^CHAPTER\s+(\d+)\b`)
	textHeading     = regexp.MustCompile(`^(\d{1,2})\.\s+(\S.*)$`)
	textDoubleStep  = regexp.MustCompile(`^\s*\d+[.)]\s+(\d+)[.)]\s+(\S.*)$`)
	textStep        = regexp.MustCompile(`^\s+(\d+)[.)]\s+(\S.*)$`)
	textBullet      = regexp.MustCompile(`^\s*[•·▪‣◦●○■□►▶–—*-]\s+(\S.*)$`)
	textQuestion    = regexp.MustCompile(`^(?:\*\*)?Q(\d*)\s*[:.](?:\*\*)?\s*(.*)$`)
	textScenario    = regexp.MustCompile(`^(?:\*\*)?Scenario\s+(\d+)\s*[:.–—-]\s*(.*)$`)
	answerMarker    = regexp.MustCompile(`(?:^|\s)(?:\*{1,2}How to answer:\*{1,2}|How to answer:|\*\*A:\*\*|\*\*Answer:\*\*|A:|Answer:)\s*`)
	questionMarker  = regexp.MustCompile(`\s*(?:\*{1,2}Question:\*{1,2}|Question:)\s*`)
)

// skipSection matches the headings of sections that hold no cards:
// introductions, objectives and summaries written as prose.
var skipSection = regexp.MustCompile(`(?i)^(?:\d+\.\s*)?(?:introduction|overview|learning objectives|objectives|what you(?:'ll| will) learn|(?:final |chapter )?summary|conclusion|key takeaways|next steps|further reading|references)\b`)

// tipSection matches the headings of sections whose bullets are tips, not
// definitions.
var tipSection = regexp.MustCompile(`(?i)\b(?:tips?|advice|best practices|do's and don'ts|dos and don'ts|pitfalls)\b`)

// textParser holds the state of one parse of a page saved as text.
type textParser struct {
	lines   []string
	ch      chapter
	section string // current section heading, without its number
	skip    bool   // the current section holds no cards
	tips    bool   // bullets in the current section are tips
}

// parseText parses a page saved as text (LF line ends, NFC, no BOM).
func parseText(text string) chapter {
	p := &textParser{lines: strings.Split(text, "\n")}
	p.header()
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
		m := textHeading.FindStringSubmatch(t)
		p.section = strings.TrimSpace(m[2])
		p.skip = skipSection.MatchString(p.section)
		p.tips = tipSection.MatchString(p.section)
		return i
	}
	if p.skip {
		return i
	}
	n := i + 1
	// The first character rules out most shapes before a regexp runs.
	lead := strings.TrimPrefix(t, "**")
	switch {
	case strings.HasPrefix(lead, "Scenario"):
		if m := textScenario.FindStringSubmatch(t); m != nil {
			p.scenario(n, m[1], m[2])
		}
	case strings.HasPrefix(lead, "Q"):
		if m := textQuestion.FindStringSubmatch(t); m != nil && m[2] != "" {
			return p.question(i, m[2])
		}
	case '0' <= t[0] && t[0] <= '9':
		if m := textDoubleStep.FindStringSubmatch(raw); m != nil {
			p.step(n, m[1], m[2])
		} else if m := textStep.FindStringSubmatch(raw); m != nil {
			p.step(n, m[1], m[2])
		}
	default:
		if m := textBullet.FindStringSubmatch(raw); m != nil {
			p.bullet(n, m[1])
		}
	}
	return i
}

// isHeading reports whether line i, at column 0, is a numbered section
// heading: short, not a sentence, followed by a blank line or the end.
func (p *textParser) isHeading(i int) bool {
	m := textHeading.FindStringSubmatch(p.lines[i])
	if m == nil {
		return false
	}
	text := strings.TrimSpace(m[2])
	if len(strings.Fields(text)) > 12 || strings.HasSuffix(text, ".") || strings.HasSuffix(text, "?") {
		return false
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

// question reads "Q: question *How to answer:* answer", or a question whose
// answer starts on a following line with an answer marker, and returns the
// last line used.
func (p *textParser) question(i int, rest string) int {
	if loc := answerMarker.FindStringIndex(rest); loc != nil && loc[0] > 0 {
		front, back := rest[:loc[0]], rest[loc[1]:]
		if strings.TrimSpace(back) == "" {
			p.warn(i+1, "question without an answer after its answer marker")
			return i
		}
		p.add(Card{Kind: KindQA, Front: front, Back: back, Line: i + 1})
		return i
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
	if i < 0 && strings.HasSuffix(s, ":") {
		return "", "", false
	}
	if i < 0 && dashes {
		for _, sep := range []string{" – ", " — "} {
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
