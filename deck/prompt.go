package deck

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A prompt is recognised by what it is, not by where a site put it:
//
//   - a question: "?" or "？" at its end, in any script;
//   - a question marker: "Q:", "Q1.", "Q7 ", "Question 2:", "1. Q:", a
//     number glued to the question ("1What …?");
//   - an ask without "?": an imperative ("Explain …", "Describe …",
//     "Compare …", "Erklären Sie …", "…を説明せよ", "…해보세요"), an
//     interrogative ending ("…ですか", "…とは何か", "…吗"), "Difference
//     between X and Y", "X vs Y".
//
// Marked prompts (a marker or a number before a question) stand on their
// own; weak ones (a bare question, an imperative, "X vs Y") are prompts only
// when an answer follows them.

// askStrength says how surely a block asks.
type askStrength uint8

const (
	askNone   askStrength = iota
	askWeak               // a question or an ask of its own: a prompt when an answer follows
	askMarked             // led by a question marker or a number: a prompt
)

// ask is what a paragraph asks: the prompt, its number (0 when none), the
// strength, and the paragraph's lines after the prompt.
type ask struct {
	q        string
	num      int
	strength askStrength
	rest     []string
	hard     lineBreaks
}

// asks returns how surely paragraph b asks, computed once per block.
func asks(b *block) askStrength {
	if b.kind != blockPara {
		return askNone
	}
	if b.asked == 0 {
		b.asked = uint8(paraAsk(*b).strength) + 1
	}
	return askStrength(b.asked - 1)
}

// paraAsk reads the prompt that opens paragraph b, if any.
func paraAsk(b block) ask {
	if b.kind != blockPara || len(b.lines) == 0 || b.linkOnly {
		return ask{}
	}
	first := b.lines[0]
	rest, hard := b.lines[1:], b.hard.from(1)
	// The start of the line tells a marker; the whole line is read only
	// for what needs it.
	lead := bareText(head(first))
	if lead == "" {
		return ask{}
	}
	var plain string
	full := func() string {
		if plain == "" {
			plain = bareText(first)
		}
		return plain
	}
	if qMarked(lead) {
		q, num, _ := questionText(first)
		if q == "" {
			return ask{}
		}
		// A question may run over several lines to its "?".
		if !isQuestionEnd(q) {
			for n := 0; n < len(rest) && n < 3; n++ {
				if isQuestionEnd(rest[n]) {
					q = joinFront(append([]string{q}, rest[:n+1]...))
					return ask{q: q, num: num, strength: askMarked, rest: rest[n+1:], hard: hard.from(n + 1)}
				}
			}
		}
		return ask{q: q, num: num, strength: askMarked, rest: rest, hard: hard}
	}
	if c := lead[0] | 0x20; (c == 'f' || c == 'p' || c == 'q' || c == 'v' || c == 'o' || c == 'd' || lead[0] >= utf8.RuneSelf) && strings.ContainsAny(lead, ":：") {
		if loc := questionWord.FindStringIndex(lead); loc != nil && loc[1] < len(lead) {
			// "Frage: …", "Pregunta 3: …", "问题：…".
			return ask{q: strings.TrimSpace(full()[loc[1]:]), strength: askMarked, rest: rest, hard: hard}
		}
	}
	end := isQuestionEnd(first)
	if end {
		if q, num, ok := gluedQuestion(full()); ok {
			return ask{q: q, num: num, strength: askMarked, rest: rest, hard: hard}
		}
		if numberLead.MatchString(lead) && firstRuneIsMark(lead) {
			if q, num, _ := questionText(first); q != "" {
				return ask{q: q, num: num, strength: askMarked, rest: rest, hard: hard}
			}
		}
	}
	if strings.ContainsAny(lead[:min(len(lead), 4)], "▸▹▾▿▼►▶") {
		if toggle := strings.TrimLeft(full(), "▸▹▾▿▼►▶ "); len(b.lines) == 1 && (plainQuestion(toggle) || asksWithout(toggle)) {
			// The arrow of a collapsed block ("▾ What is …?").
			return ask{q: toggle, strength: askWeak}
		}
	}
	if end && wholeEmphasis(first) {
		if q, num, _ := questionText(first); q != "" {
			return ask{q: q, num: num, strength: askWeak, rest: rest, hard: hard}
		}
	}
	if q, a, ok := questionThenAnswer(first); ok {
		return ask{q: q, strength: askWeak, rest: append([]string{a}, rest...), hard: hard.after()}
	}
	if end && plainQuestion(full()) || len(b.lines) == 1 && len(first) <= 400 && asksWithout(full()) {
		return ask{q: strings.TrimSpace(first), strength: askWeak, rest: rest, hard: hard}
	}
	return ask{}
}

// questionThenAnswer splits a line that holds a question and its answer
// where the question's end is plain: a bold question ("**What is X?**
// answer") or one between Spanish marks ("¿Qué es X? respuesta").
func questionThenAnswer(l string) (q, a string, ok bool) {
	t := strings.TrimSpace(l)
	var end int
	switch {
	case strings.HasPrefix(t, "**"):
		k := strings.Index(t[2:], "**")
		if k < 0 || !isQuestionEnd(t[2:2+k]) {
			return "", "", false
		}
		q, end = strings.TrimSpace(t[2:2+k]), 2+k+2
	case strings.HasPrefix(t, "¿"):
		k := strings.IndexAny(t, "?？")
		if k < 0 {
			return "", "", false
		}
		q, end = t[:k+1], k+1
	default:
		return "", "", false
	}
	a = strings.TrimSpace(strings.TrimLeft(t[end:], " :–—-"))
	if a == "" || q == "" {
		return "", "", false
	}
	return q, a, true
}

// headingAsk reads the prompt a heading (or a <summary>) states: a
// question, a marked one, or an ask without "?". The text has its lead
// (numbering, marks, "Q:") removed.
func headingAsk(s string) (q string, num int, strength askStrength) {
	q, num, ok := questionText(s)
	if ok {
		if qMarked(bareText(s)) || num > 0 {
			return q, num, askMarked
		}
		return q, num, askWeak
	}
	t := cleanHeading(s)
	if asksWithout(bareText(t)) || interrogative(bareText(t)) {
		_, num = questionLead(strings.TrimSpace(s))
		return t, num, askWeak
	}
	return "", 0, askNone
}

// interrogative reports whether heading text t opens with a question word
// and is short, a question written without its mark ("What to automate
// first", "How Lambda scales").
func interrogative(t string) bool {
	w, _, _ := strings.Cut(t, " ")
	switch w {
	case "What", "Why", "How", "When", "Which", "Who", "Where", "Whom", "Whose":
		return len(strings.Fields(t)) <= 10 && !endsSentence(t) && !strings.HasSuffix(t, ":")
	}
	return false
}

// isQuestionEnd reports whether s ends with a question mark, before any
// emphasis and an instruction in brackets ("… ? (Choose two.)").
func isQuestionEnd(s string) bool {
	s = strings.TrimRight(strings.TrimSpace(s), "*_ ")
	if strings.HasSuffix(s, ")") {
		if i := strings.LastIndexByte(s, '('); i > 0 && len(s)-i <= 40 {
			s = strings.TrimRight(s[:i], "*_ ")
		}
	}
	return strings.HasSuffix(s, "?") || strings.HasSuffix(s, "？")
}

// plainQuestion reports whether s is one question on its own: it starts
// with a capital (or a letter of a script without case), ends with "?",
// holds no other sentence and at most 40 words ("Does SQS guarantee
// ordering?").
func plainQuestion(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if !(unicode.IsUpper(r) || unicode.IsLetter(r) && !unicode.IsLower(r) || unicode.IsDigit(r) || r == '¿') || !isQuestionEnd(s) || len(strings.Fields(s)) > 40 {
		return false
	}
	body := strings.TrimRight(strings.TrimSpace(s), "?？ ")
	return !endsSentence(body) && !strings.ContainsAny(body, "?？")
}

// imperatives are the verbs that open an ask without "?", by language, and
// the phrases that stand for them.
var imperatives = lazyCompile(`^(?i:explain|describe|list|compare|contrast|define|name|state|outline|discuss|summari[sz]e|differentiate|distinguish|identify|illustrate|justify|walk\s+(?:me\s+)?through|tell\s+(?:me\s+)?about|give\s+(?:an?\s+)?(?:example|overview|reasons?)|design|propose|suggest|elaborate|` +
	`expliquez|explique[rz]?|décrivez|décris|citez|comparez|définissez|nommez|` +
	`explica|explícame|describa|describe|defina|menciona|mencione|compara|enumera|` +
	`erklären\s+sie|erkläre|beschreiben\s+sie|beschreibe|nennen\s+sie|nenne|vergleichen\s+sie|` +
	`descreva|defina|cite|` +
	`поясніть|опишіть|назвіть|порівняйте|поясни|опиши|назви|объясните|опишите|назовите|сравните|` +
	`vysvětlete|vysvetlete|popište|popiste|vyjmenujte|porovnejte)\b`)

// questionWord matches the question markers of other languages: "Frage:",
// "Pregunta 3:", "Вопрос:", "问题：".
var questionWord = lazyCompile(`(?i)^(?:frage|pregunta|pergunta|question|вопрос|питання|otázka|otazka|domanda|vraag|pytanie|问题|問題|質問|질문)\s*\d{0,5}\s*[:：]\s*`)

// imperativeWords are the first words of imperatives, so that most text
// is ruled out without a regexp.
var imperativeWords = lazySet("explain describe list compare contrast define name state outline discuss summarise summarize differentiate distinguish identify illustrate justify walk tell give design propose suggest elaborate " +
	"expliquez explique expliquer décrivez décris citez comparez définissez nommez explica explícame describa defina menciona mencione compara enumera " +
	"erklären erkläre beschreiben beschreibe nennen nenne vergleichen descreva cite " +
	"поясніть опишіть назвіть порівняйте поясни опиши назви объясните опишите назовите сравните vysvětlete vysvetlete popište popiste vyjmenujte porovnejte")

// askEndings are the endings of an ask in scripts that do not write "?":
// Japanese imperatives and interrogatives, Chinese and Korean ones.
var askEndings = []string{
	"せよ", "しなさい", "ください", "述べよ", "答えよ", "ですか", "ますか", "でしょうか", "とは何か", "とは何ですか", "とは",
	"吗", "呢", "是什么", "为什么", "有哪些", "什么", "区别", "请解释", "请说明",
	"해보세요", "하세요", "하시오", "인가요", "나요", "까요", "입니까", "습니까", "무엇인가",
}

// asksWithout reports whether plain text s asks without a question mark:
// an imperative of at most 30 words that opens a sentence ("Explain the DevOps lifecycle.",
// "Compare SQS and SNS"), "Difference between X and Y", a short "X vs Y",
// or an ask ending of a script that writes none ("…を説明せよ").
func asksWithout(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 400 {
		return false
	}
	words := strings.Fields(s)
	body := strings.TrimRight(s, ".。!！ ")
	if endsSentence(body) || strings.ContainsAny(body, "?？") {
		return false // more than one sentence
	}
	if first, _ := utf8.DecodeRuneInString(s); len(words) >= 2 && len(words) <= 30 && !unicode.IsLower(first) && imperativeWords()[strings.ToLower(strings.TrimRight(words[0], ".,:;"))] && imperatives.MatchString(s) {
		return true
	}
	if len(words) <= 20 {
		lower := strings.ToLower(s[:min(len(s), 24)])
		if strings.HasPrefix(lower, "difference between ") || strings.HasPrefix(lower, "the difference between ") || strings.HasPrefix(lower, "differences between ") {
			return true
		}
	}
	if len(words) <= 10 && !strings.HasSuffix(s, ":") && (strings.Contains(s, " vs ") || strings.Contains(s, " vs. ") || strings.Contains(s, " versus ") || strings.Contains(s, " VS ")) {
		return true
	}
	if !eastAsian(body) {
		return false // the asks below are written in East Asian scripts
	}
	for _, e := range askEndings {
		if strings.HasSuffix(body, e) && utf8.RuneCountInString(body) > utf8.RuneCountInString(e)+1 {
			return true
		}
	}
	if len(body) <= 180 && utf8.RuneCountInString(body) <= 60 {
		for _, w := range askWords {
			if strings.Contains(body, w) {
				return true
			}
		}
	}
	return false
}

// eastAsian reports whether s may hold letters of an East Asian script: a
// byte that leads the UTF-8 encoding of U+1100 or above.
func eastAsian(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xE1 {
			return true
		}
	}
	return false
}

// askWords are the question words of Chinese, which may stand anywhere in
// a question that writes no question mark ("什么是VPC").
var askWords = []string{"什么", "为什么", "如何", "怎么", "怎样", "哪些", "哪个", "是否", "為什麼", "什麼", "如何"}

// gluedQuestion reads a question whose number is glued to it, as a scraped
// quiz writes it ("1What is …?", "12In the context …?"): the question must
// end with "?".
func gluedQuestion(s string) (q string, num int, ok bool) {
	i := 0
	for i < len(s) && i < 5 && '0' <= s[i] && s[i] <= '9' {
		num = num*10 + int(s[i]-'0')
		i++
	}
	if i == 0 || i+1 >= len(s) || !('A' <= s[i] && s[i] <= 'Z') || !('a' <= s[i+1] && s[i+1] <= 'z') || !isQuestionEnd(s) {
		return "", 0, false
	}
	return strings.TrimSpace(s[i:]), num, true
}

// questionText reads a question from heading or summary text s: its lead
// (bullets, check marks, numbering, "Q3.") removed, it must end with "?"
// unless a "Q" marker led it. It returns the question and its number.
func questionText(s string) (q string, num int, ok bool) {
	t := strings.TrimSpace(s)
	// Most text starts with a letter, or with "3. " and a letter: then the
	// lead is read without a regexp, and only a "Q" could mark a question.
	rest, n, quick := quickLead(t)
	marked := !quick && qMarked(bareText(t))
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
	digits := func(j int) (int, int) { // the digits at j (at most five): their end and value
		v, from := 0, j
		for j < len(t) && j-from < 5 && '0' <= t[j] && t[j] <= '9' {
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
		if strings.HasPrefix(t[j:], "uestion") {
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
		for d < len(t) && d-i < 5 && '0' <= t[d] && t[d] <= '9' {
			v = v*10 + int(t[d]-'0')
			d++
		}
		// After the number: optional "." ":" ")" "、" or a keycap, then a
		// space or "**"; without the punctuation when that fails.
		after := func(e int) int {
			if e < len(t) && (t[e] == ' ' || t[e] == '\t') {
				return e + 1
			}
			if strings.HasPrefix(t[e:], "**") {
				return e + 2
			}
			if e < len(t) && t[e] >= utf8.RuneSelf {
				return e // "1、什么…", "1.什么…"
			}
			return -1
		}
		e := spaces(d)
		switch {
		case e < len(t) && (t[e] == '.' || t[e] == ':' || t[e] == ')'):
			end = after(e + 1)
		case strings.HasPrefix(t[d:], "、"):
			end = d + len("、")
		case strings.HasPrefix(t[d:], "\uFE0F\u20E3"):
			end = after(d + len("\uFE0F\u20E3"))
		case strings.HasPrefix(t[d:], "\u20E3"):
			end = after(d + len("\u20E3"))
		}
		if end < 0 {
			end = after(d)
			if end == d {
				end = -1 // digits glued to a word of another script
			}
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
// number: space, "#", "-", bullets, check marks, keycap parts, the marks a
// page puts before a question it rates (🔥, ⭐).
func leadRune(r rune) bool {
	switch r {
	case ' ', '\t', '#', '-', '•', '·', '▪', '◦', '●', '✅', '✔', '☑', '❓', '❔', '➤', '►', '▶', '▸', '▹', '▾', '▿', '▼', 0xFE0F, 0x20E3, '🔥', '⭐', '🌟', '💡', '📌', '👉':
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
	for j < len(t) && j-i < 5 && '0' <= t[j] && t[j] <= '9' {
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
	for d < len(t) && d-k < 5 && '0' <= t[d] && t[d] <= '9' {
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
// anything else, which questionLead reads.
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
	for j < len(t) && j-i < 5 && '0' <= t[j] && t[j] <= '9' {
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

// firstRuneIsMark reports whether s opens with a check mark or bullet (the
// sign of a hand-made question list), not a bare number, which may be a
// sentence.
func firstRuneIsMark(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimSpace(s))
	return strings.ContainsRune("✅✔☑❓❔•·▪◦●➤►▶#🔥⭐", r)
}

// wholeEmphasis reports whether s is one emphasized span ("**Why …?**").
func wholeEmphasis(s string) bool {
	s = strings.TrimSpace(s)
	return len(s) > 4 && strings.HasPrefix(s, "**") && strings.HasSuffix(s, "**") && !strings.Contains(s[2:len(s)-2], "**")
}

// joinFront joins the non-blank lines of a front with spaces.
func joinFront(lines []string) string {
	var parts []string
	for _, l := range lines {
		if t := strings.TrimSpace(l); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, " ")
}

// numberLead matches what leads numbered text: marks, "#", "**", keycap
// parts, then the number and its punctuation.
var numberLead = lazyCompile(`^(?:[\s#•·▪◦●✅✔☑➤►▶-]|\*\*|\x{FE0F}|\x{20E3}|🔥|⭐)*\d{1,5}(?:\s*[.):、]|\x{FE0F}?\x{20E3}|\s)\s*`)

// cleanHeading removes numbering, keycap digits, bullets, rating marks,
// a trailing permalink "#" and surrounding emphasis from heading text.
func cleanHeading(s string) string {
	t := strings.TrimSpace(s)
	if strings.HasSuffix(t, "#") && !strings.HasSuffix(t, " #") && len(t) > 1 && !strings.HasSuffix(t, "C#") && !strings.HasSuffix(t, "F#") {
		t = strings.TrimSuffix(t, "#") // "Quiz#": a Sphinx permalink
	}
	if t != "" && t[0] < utf8.RuneSelf && unicode.IsLetter(rune(t[0])) && !strings.HasPrefix(t, "**") {
		return t // nothing leads it
	}
	t = strings.TrimLeft(t, "#•·▪◦●✅✔☑📌➤►▶🔥⭐ \t")
	if loc := numberLead.FindStringIndex(t); loc != nil && loc[1] < len(t) && !gluedNumber(t, loc[1]) {
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

// gluedNumber reports whether the number that numberLead found at the
// start of t, ending at end, is part of a name rather than a lead: its
// punctuation touches a letter or a digit ("802.11i", "3:2").
func gluedNumber(t string, end int) bool {
	p := t[end-1]
	n := t[end]
	return (p == '.' || p == ':' || p == ')') && n < utf8.RuneSelf && (unicode.IsLetter(rune(n)) || unicode.IsDigit(rune(n)))
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
