package deck

import (
	"strings"
	"unicode/utf8"
)

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
	front, back, why := f.answer(q, num, body)
	if why != "" {
		f.warn(line, why)
		return
	}
	f.add(Card{Kind: KindQA, Front: front, Back: back, Line: line})
}

// answer returns the front and back of prompt q from its body, or why
// there is no card.
func (f *finder) answer(q string, num int, raw []block) (front, back, why string) {
	body := answerBody(raw)
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
	if strings.HasPrefix(back, "A. ") && len(back) > 3 {
		back = back[3:] // "Q. …" / "A. …", no options
	}
	if back == "" {
		return "", "", strings.Replace(noAnswer(raw), "with no answer", "without an answer", 1)
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
			if answerLabel(bareText(l)) || strings.TrimSpace(l) == "?" {
				labelled = true
				continue
			}
			if lt, e, ok := answerLine(l, s.opts, labelled); ok {
				rest = after[i+1:]
				if extra := b.lines[n+1:]; len(extra) > 0 {
					rest = append([]block{{kind: blockPara, lines: extra, hard: b.hard.from(n + 1)}}, rest...)
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
		if t := bareText(b.firstLine()); t != "" && (wrongMark(t) || hintLine(t)) {
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
		first := bareText(ask[0].lines[0])
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
	if plain := bareText(t); plain == "Scenario" || plain == "Question" {
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
	asking := 0
	for _, it := range b.items {
		if itemAsks(it) {
			asking++
		}
	}
	if 2*asking < len(b.items) && !(b.ordered && f.itemPrompts) {
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
		if !hasAnswer(body) && asks(&it.blocks[0]) < askMarked {
			f.note(line, noAnswer(body)) // a self-check prompt with no answer given
			continue
		}
		f.question(line, q, it.num, body)
	}
	return end, true
}

// inlineAnswer finds an answer marker ("A:", "Answer:", "How to answer:")
// in q, or returns nil.
func inlineAnswer(q string) []int {
	if !strings.ContainsRune(q, ':') || !strings.ContainsRune(q, 'A') && !strings.Contains(q, "nswer") {
		return nil
	}
	return answerMarkerIndex(q)
}

// answerMarkerIndex finds the first answer marker in s: "How to answer:",
// "Answer:", "Answer 2:", "A:", "A3:", alone or in emphasis ("**A:**",
// "*How to answer:*"), at the start of s or after a space. It returns the
// marker's span with the spaces after it, or nil; the span starts at the
// space before the marker, as a regexp "(?:^|\s)marker\s*" would match.
func answerMarkerIndex(s string) []int {
	for off := 0; off < len(s); {
		k := strings.IndexByte(s[off:], ':')
		if k < 0 {
			return nil
		}
		colon := off + k
		off = colon + 1
		// Back from the colon over the marker's words, then its emphasis.
		j := colon
		for j > 0 && '0' <= s[j-1] && s[j-1] <= '9' {
			j--
		}
		digits := j < colon
		for j > 0 && s[j-1] == ' ' && digits {
			j--
		}
		var start int
		how := false
		switch {
		case strings.HasSuffix(s[:j], "How to answer") && !digits:
			start, how = j-len("How to answer"), true
		case strings.HasSuffix(s[:j], "Answer"):
			start = j - len("Answer")
		case j > 0 && s[j-1] == 'A' && (j == colon || s[j] != ' '):
			start = j - 1
		default:
			continue
		}
		stars := 0
		for start > 0 && s[start-1] == '*' && stars < 2 {
			start--
			stars++
		}
		if start > 0 && !isSpace(rune(s[start-1])) || stars == 1 && !how {
			continue
		}
		end := colon + 1
		if stars > 0 {
			most := stars
			if how {
				most = 2
			}
			closing := 0
			for end < len(s) && s[end] == '*' && closing < most {
				end++
				closing++
			}
			if how && closing == 0 || !how && closing != stars {
				continue
			}
		}
		for end < len(s) && isSpace(rune(s[end])) {
			end++
		}
		if start > 0 {
			start--
		}
		return []int{start, end}
	}
	return nil
}

var (
	answerLead = lazyCompile(`^(?:\*\*)?(?:A\d*|Answer(?:\s*\d+)?|How to answer|Antwort|Réponse|Respuesta|Resposta|Risposta|Antwoord|Odpověď|Odpoved|Ответ|Відповідь|答案|回答|답변)\s*[:：](?:\*\*)?\s*`)
)

// stripAnswerLead removes "A:", "Answer:" or "How to answer:" from the start
// of a back.
func stripAnswerLead(s string) string {
	if s == "" || !strings.ContainsRune("AHR*O", rune(s[0])) && s[0] < utf8.RuneSelf {
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
	loc := answerMarkerIndex(rest)
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
			body = append([]block{{kind: blockPara, line: p.line, lines: more}}, body...)
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
