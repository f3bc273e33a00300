package deck

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Definitions come in many shapes, and the finder reads them all the same
// way: a term, then what it means.
//
//	Term: definition               a list item or a run of such lines; the term
//	Term – definition              ends at the first ": " (or "："), only when
//	Term — definition              there is none at " – ", " — " or " → ", and
//	Term → use                     only when there is none of those at " - "
//	**Term** – definition          a bold term, a paragraph of its own
//	### S3 bucket –                a heading that ends with its separator, the
//	<definition paragraph>         definition under it
//	Term                           a term heading over a definition paragraph,
//	<definition paragraph>         three or more in a row (a glossary page)
//	Term\n: definition, <dl>       Markdown and HTML definition lists
//	| Term | Definition |          tables: the header says which column is the
//	                               term; other columns follow the definition
//	                               as labelled lines
//
// A term is short (at most twelve words) and no sentence; page metadata
// ("Author: …") and lead-in labels ("**Note:**") are no terms.

// splitTerm splits "Term: text" at the first ": "; only when there is none,
// and dashes is set, at the first " – ", " — " or " → ", and only when
// there is none of those at " - " after a term of at most five words. A
// spaced hyphen before a colon belongs to the term ("AWS Certified
// Developer - Associate: …"). The term must be short (at most 12 words, no
// sentence end) and both parts non-empty.
func splitTerm(s string, dashes bool) (term, text string, ok bool) {
	i, n := strings.Index(s, ": "), 2
	if j := strings.Index(s, "："); j > 0 && (i < 0 || j < i) {
		i, n = j, len("：")
	}
	if i < 0 && strings.HasSuffix(s, ":") {
		return "", "", false
	}
	if i < 0 && dashes {
		for _, sep := range []string{" – ", " — ", " → ", " -> ", "→"} {
			if j := strings.Index(s, sep); j > 0 && (i < 0 || j < i) {
				i, n = j, len(sep)
			}
		}
		if j := strings.Index(s, " - "); i < 0 && j > 0 && len(strings.Fields(s[:j])) <= 5 {
			i, n = j, 3
		}
	}
	if i <= 0 {
		return "", "", false
	}
	if open := strings.Count(s[:i], "(") + strings.Count(s[:i], "（") - strings.Count(s[:i], ")") - strings.Count(s[:i], "）"); open > 0 {
		return "", "", false // the separator stands inside brackets: "vi （VIsual：…）"
	}
	term, text = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+n:])
	term = strings.TrimSpace(strings.Trim(term, "*"))
	if term == "" || text == "" || len(strings.Fields(term)) > 12 || endsSentence(term) || strings.Count(term, "`")%2 == 1 {
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

// metaTerm matches the keys of page metadata ("Author: …", "Updated: …"),
// which no glossary holds.
var metaTerm = lazyCompile(`(?i)^(?:author|authors|by|date|updated|last updated|published|posted|tags|category|categories|title|source|read time|reading time|version|status|draft|layout|permalink|slug|lang|language)$`)

// boldTerm reads a paragraph "**Term**: definition" or "**Term** — definition".
var boldTerm = lazyCompile(`^\*\*([^*]{1,80})\*\*\s*(?::|\s[–—→-])\s+(\S.*)$`)

// leadIns are the labels that open a paragraph without naming a term.
var leadIns = lazyCompile(`(?i)^(?:note|notes|example|examples|tip|warning|caution|important|scenario|explanation|answer|question|solution|summary|hint|source|see|update|edit|tl;dr|in short|tools?|used in|best practices|why it matters|коротко|приклад|примітка)$`)

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

// termHeading reads a glossary heading that ends with its separator
// ("S3 bucket –", "Lambda -", "Alias:").
func termHeading(s string) (string, bool) {
	t := strings.TrimSpace(s)
	for _, sep := range []string{":", "–", "—", " -", "→"} {
		if strings.HasSuffix(t, sep) {
			term := cleanHeading(strings.TrimSuffix(t, sep))
			if term != "" && len(strings.Fields(term)) <= 8 && !endsSentence(term) && !answerLabel(term) {
				return term, true
			}
		}
	}
	return "", false
}

// inlineDefinition reads a heading that is itself "Term : definition" or
// "Term – definition".
func inlineDefinition(s string) (term, def string, ok bool) {
	t := cleanHeading(s)
	term, def, ok = splitTerm(strings.Replace(t, " : ", ": ", 1), true)
	if !ok || len(strings.Fields(term)) > 6 || len(strings.Fields(def)) < 3 || metaTerm.MatchString(term) || answerLabel(term) || division.MatchString(term) {
		return "", "", false
	}
	return term, def, true
}

// division matches the numbered divisions of a course: "Part 1", "Chapter
// 2", "Domain 3".
var division = lazyCompile(`(?i)^(?:part|chapter|section|domain|module|unit|lesson|week|day|step|level|stage|phase|round|set|quiz|exam|test|lab)\s+(?:[\dIVX]+|[A-Z])$`)

// chain reports whether b is one line of three or more steps drawn with
// arrows ("Commit -> Build -> Test"), no sentence.
func chain(b block) bool {
	if !b.oneLine() || len(strings.Fields(b.lines[0])) > 24 {
		return false
	}
	l := b.lines[0]
	return strings.Count(l, "->")+strings.Count(l, "→")+strings.Count(l, "⇒") >= 2 && !endsSentence(strings.TrimRight(l, "."))
}

// abbreviation matches a term written as an abbreviation and what it
// stands for: "CI (Continuous Integration)", "IAM (Identity and Access
// Management)".
func abbreviation(t string) bool {
	open := strings.IndexByte(t, '(')
	if open < 2 || !strings.HasSuffix(t, ")") || strings.Count(t, "(") != 1 {
		return false
	}
	abbr := strings.TrimSpace(t[:open])
	if len(abbr) > 12 || strings.ContainsRune(abbr, ' ') || !allCaps(abbr) {
		return false
	}
	words := strings.Fields(t[open+1 : len(t)-1])
	if len(words) < 2 || len(words) > 8 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(words[0])
	return unicode.IsUpper(r)
}

// termLike reports whether heading or line text t can be a glossary term:
// short, no sentence, no question, not a label.
func termLike(t string) bool {
	t = strings.TrimSpace(bareText(t))
	if t == "" || len(t) > 80 || len(strings.Fields(t)) > 8 || endsSentence(t) || isQuestionEnd(t) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	if strings.ContainsRune(":;,", last) {
		return false
	}
	return startsWord(t) && !answerLabel(t) && !isChrome(t) && !codePunct.MatchString(t)
}

// startsWord reports whether t opens with a letter or a digit, after at
// most two signs that belong to a name ("*(star) Integrity Axiom",
// ".NET", "(ISC)²").
func startsWord(t string) bool {
	for i, r := range t {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
		if i >= 2 || !strings.ContainsRune("*(.#@$'\"[", r) {
			return false
		}
	}
	return false
}

// defLike reports whether paragraph text t can be the definition under a
// term: at least four words, or a sentence of two or more, or, in a script
// that writes no spaces, at least eight letters.
func defLike(t string) bool {
	t = strings.TrimSpace(t)
	if t == "" || isQuestionEnd(t) || counterLine(t) || isChrome(t) {
		return false
	}
	w := len(strings.Fields(t))
	last, _ := utf8.DecodeLastRuneInString(t)
	if w >= 4 || w >= 2 && strings.ContainsRune(".!。", last) {
		return true
	}
	first, _ := utf8.DecodeRuneInString(t)
	return first >= 0x3000 && utf8.RuneCountInString(t) >= 8
}

// tipLead reads a paragraph that opens with a tip's label: "Interview tip:
// …", "Pro tip: …", "Exam tip – …".
func tipLead(s string) (label, text string, ok bool) {
	term, text, ok := splitTerm(s, true)
	if !ok || len(strings.Fields(term)) > 3 {
		return "", "", false
	}
	lower := strings.ToLower(bareText(term))
	if lower == "tip" || strings.HasSuffix(lower, " tip") || strings.HasSuffix(lower, " tips") {
		return bareText(term), text, true
	}
	return "", "", false
}

var (
	frontColumn = lazyCompile(`(?i)^(?:question|questions|q|term|terms|concept|name|service|word|feature|key|keyword|item|command|commands|aspect|field|option|setting|parameter|питання|термін|question posée|frage|begriff|término|pregunta|質問|用語|问题|术语)$`)
	backColumn  = lazyCompile(`(?i)^(?:answer|answers|a|definition|meaning|description|explanation|value|details|use|use case|purpose|відповідь|визначення|опис|réponse|définition|antwort|definition|bedeutung|respuesta|definición|descripción|回答|答え|意味|定義|答案|定义|说明)$`)
	numberCell  = lazyCompile(`^(?:#|No\.?|№|\d{1,5}[.)]?)$`)
)

// tableCards returns the cards of a table's rows. A header with a question
// or term column picks it as the front, and an answer or definition column
// as the back (else the column after it); a leading column of row numbers
// is dropped. The other columns follow the back as "Header: value" lines.
// Two columns give definitions, a Question column questions, wider rows
// "other" cards. The header row is no card.
func tableCards(b block) []Card {
	rows := b.rows
	var head []string
	if b.header && len(rows) > 0 {
		head, rows = rows[0], rows[1:]
	}
	fc, bc := -1, -1
	for c, h := range head {
		h = bareText(h)
		if fc < 0 && frontColumn.MatchString(h) {
			fc = c
		} else if bc < 0 && backColumn.MatchString(h) {
			bc = c
		}
	}
	if fc < 0 {
		fc = 0
		numbered := len(rows) > 0
		for _, r := range rows {
			if len(r) == 0 || !numberCell.MatchString(strings.TrimSpace(r[0])) {
				numbered = false
			}
		}
		if numbered {
			fc = 1
		}
	}
	if bc < 0 || bc == fc {
		bc = fc + 1
	}
	kind := KindDefinition
	if fc < len(head) && strings.HasPrefix(strings.ToLower(bareText(head[fc])), "q") && frontColumn.MatchString(bareText(head[fc])) {
		kind = KindQA
	}
	var cards []Card
	for _, r := range rows {
		if fc >= len(r) || bc >= len(r) || strings.TrimSpace(r[fc]) == "" || strings.TrimSpace(r[bc]) == "" {
			continue
		}
		back := []string{r[bc]}
		wide := false
		for c := range r {
			if c == fc || c == bc || c < fc && numberCell.MatchString(strings.TrimSpace(r[c])) || strings.TrimSpace(r[c]) == "" {
				continue
			}
			wide = true
			if c < len(head) && head[c] != "" {
				back = append(back, bareText(head[c])+": "+r[c])
			} else {
				back = append(back, r[c])
			}
		}
		k := kind
		if wide && k == KindDefinition {
			k = KindOther
		}
		cards = append(cards, Card{Kind: k, Front: r[fc], Back: strings.Join(back, "\n"), Line: b.line})
	}
	return cards
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
		if !ok || metaTerm.MatchString(bareText(term)) {
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
	lead := f.lead
	if len(lead) > 200 {
		lead = lead[len(lead)-200:] // the sentence that leads into the list
	}
	steps := b.ordered && len(found) > 0 && (sequence.MatchString(f.section+" "+lead) || verbLabels(found))
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
		w, _, _ := strings.Cut(strings.ToLower(bareText(e.term)), " ")
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
	if label, tip, ok := tipLead(bareText(b.lines[0])); ok {
		if len(b.lines) > 1 {
			tip += "\n" + renderLines(b.lines[1:], b.hard.from(1))
		}
		f.add(Card{Kind: KindOther, Front: label, Back: tip, Tags: []string{"tip"}, Line: b.line})
	}
}
