package deck

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Multiple choice. The options of a question may be
//
//	A) one / B. two / (c) three      lettered lines or list items, several on
//	A) one B) two C) three           one line too; a letter glued to its text
//	A.one                            ("A.Servers are …")
//	- [ ] one / - [x] two            check boxes
//	1. one / 2. two                  numbered items, when the answer names a
//	                                 letter or an option's text
//	one                              plain lines, when a mark names the right
//	two correct                      one
//
// and they may stand in a block quote. The right one is ticked ("[x]"),
// marked ("✅", "✓", "(correct)", a trailing "correct"), the only bold one,
// or named by an answer line after the options: "Answer: C", "Correct
// answer: B – why", "Ans: B", "Correct Answer: CD", "Answer: A and C",
// "Answer: " and an option's text, letters alone ("B, C.") or a letter glued
// to the option's text ("B[2, 5, 8]") after an "Answer" label or a lone "?"
// line, a collapsed "Answer" block, or an answer key at the end ("3. B").
// The back is the right options' text (several joined by "; "), then the
// explanation; distractors, "✗ Incorrect" explanations, feedback and hints
// never reach it. A question whose options are not answered is skipped with
// a warning.

// option is one option of a multiple-choice question.
type option struct {
	letter string // "A", "B", … (given by position when unlettered)
	text   string
	ticked bool
	bold   bool // written all in bold
}

// optionSet is the options found in a question's body: they fill
// body[first:after].
type optionSet struct {
	opts          []option
	first, after  int
	numbered      bool // numbered items, which only an answer naming them makes options
	plain         bool // unlettered lines
	gradedUnknown bool // plain lines followed by a lone "correct": which were chosen is not shown
}

var (
	optionLine    = lazyCompile(`^\(?([A-Ha-h])[.)]\s*(\S.*)$`)
	answerHead    = lazyCompile(`(?i)^(?:(?:the\s+)?(?:correct|right)\s+(?:answers?|options?|choices?)(?:\s+is|\s+are)?|answers?(?:\s+is)?|ans|solution|відповідь|правильна\s+відповідь|ответ|правильный\s+ответ|réponse|bonne\s+réponse|la\s+bonne\s+réponse|antwort|richtige\s+antwort|respuesta(?:\s+correcta)?|resposta(?:\s+correta)?|正解|答え|答案|正确答案|정답)(?:\s*[:：\-–—.]\s*|\s+|$)`)
	answerLetters = lazyCompile(`^\(?([A-H])\)?((?:\s*(?:,|and|&|/|\+|or|et|y|und|і|и)\s*\(?[A-H]\)?)*)(?:$|[\s.):,;\-–—]+(.*))`)
	gluedLetters  = lazyCompile(`^([A-H]{2,4})(?:$|[\s.):,;\-–—]+(.*))`)
	inlineOption  = lazyCompile(`(?:^|\s)\(?([A-H])\)\s+`)
)

// findOptions returns the options in body, or nil when it lists none.
func findOptions(body []block) *optionSet {
	for k := 0; k < len(body); k++ {
		b := body[k]
		switch b.kind {
		case blockQuote:
			if s := findOptions(b.body); s != nil && s.first == 0 {
				return &optionSet{opts: s.opts, first: k, after: k + 1, numbered: s.numbered, plain: s.plain}
			}
		case blockList:
			if s := listOptions(b); s != nil {
				s.first, s.after = k, k+1
				return s
			}
		case blockPara:
			if !mayBeOption(b.lines[0]) {
				continue
			}
			// Lettered lines: the lines of one paragraph, or one-line
			// paragraphs in a row (a page saved as text).
			var opts []option
			j := k
			for ; j < len(body) && body[j].kind == blockPara; j++ {
				var got []option
				all := true
				for _, l := range body[j].lines {
					o := splitOptions(l)
					all = all && len(o) > 0
					got = append(got, o...)
				}
				if !all || !lettered(append(opts[:len(opts):len(opts)], got...)) {
					break
				}
				opts = append(opts, got...)
			}
			if len(opts) >= 2 && lettered(opts) {
				return &optionSet{opts: opts, first: k, after: j}
			}
		}
	}
	return gluedOptions(body)
}

// gluedOptions reads options whose letters were glued to their text when
// the page was saved ("ARootkit", "BSpyware", "CRansomware"): three or
// more lines in a row, of one-line paragraphs or of one paragraph, the
// k-th starting with the k-th letter and a capital or a digit.
func gluedOptions(body []block) *optionSet {
	for k := range body {
		var opts []option
		j := k
		glued := func(l string) bool {
			n := len(opts)
			return n < 8 && len(l) > 2 && l[0] == byte('A'+n) && (unicode.IsUpper(rune(l[1])) || unicode.IsDigit(rune(l[1])) || l[1] >= utf8.RuneSelf)
		}
		for ; j < len(body) && body[j].kind == blockPara; j++ {
			all := true
			for _, l := range body[j].lines {
				t := bareText(l)
				if !glued(t) {
					all = false
					break
				}
				opts = append(opts, tickOption(t[:1], t[1:]))
			}
			if !all {
				break
			}
		}
		if len(opts) >= 3 {
			return &optionSet{opts: opts, first: k, after: j}
		}
	}
	return nil
}

// listOptions reads the options of a list: check boxes (two or more, every
// item), lettered items, or numbered ones (then marked numbered).
func listOptions(b block) *optionSet {
	if len(b.items) < 2 {
		return nil
	}
	var opts []option
	checks, letters := 0, 0
	for n, it := range b.items {
		t := renderFront(it.blocks)
		if it.check > 0 {
			checks++
		}
		bold := wholeEmphasis(t)
		if bold {
			t = strings.TrimSpace(t[2 : len(t)-2])
		}
		o := option{letter: string(rune('A' + n%26)), text: t, ticked: it.check == 2}
		if it.check == 0 && mayBeOption(t) {
			if m := optionLine.FindStringSubmatch(bareText(t)); m != nil {
				letters++
				o = tickOption(strings.ToUpper(m[1]), stripOptionLead(t))
			}
		} else if it.check == 0 {
			o = tickOption(o.letter, t)
		}
		o.bold = bold
		opts = append(opts, o)
	}
	switch {
	case checks >= 2 && checks == len(opts):
		return &optionSet{opts: opts}
	case letters == len(opts) && lettered(opts):
		return &optionSet{opts: opts}
	case b.ordered && letters == 0 && len(opts) <= 8 && shortOptions(opts):
		return &optionSet{opts: opts, numbered: true}
	}
	return nil
}

// shortOptions reports whether every option is short enough to be one: at
// most 40 words, on one line.
func shortOptions(opts []option) bool {
	for _, o := range opts {
		if o.text == "" || len(strings.Fields(o.text)) > 40 || strings.Contains(o.text, "\n") {
			return false
		}
	}
	return true
}

// plainOptions reads options written as plain lines after a question: two
// to eight one-line paragraphs in a row, none asking or labelled, when one
// ends with a mark ("… correct", "✓") or a lone "correct" follows them.
func plainOptions(body []block) *optionSet {
	var opts []option
	k := 0
	for ; k < len(body) && k < 9 && body[k].oneLine(); k++ {
		t := body[k].lines[0]
		if lone := strings.ToLower(strings.TrimSpace(bareText(t))); lone == "correct" || lone == "✓ correct" || lone == "incorrect" {
			if len(opts) >= 2 {
				return &optionSet{opts: opts, first: 0, after: k + 1, plain: true, gradedUnknown: ticked(opts) == nil}
			}
			return nil
		}
		if k > 0 && !body[k].tight || len(t) > 300 || answerLabel(t) || isQuestionEnd(t) {
			break
		}
		opts = append(opts, tickOption(string(rune('A'+len(opts))), t))
	}
	if len(opts) >= 2 && ticked(opts) != nil {
		return &optionSet{opts: opts, first: 0, after: k, plain: true}
	}
	return nil
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

// lettered reports whether opts are lettered A, B, C … in order.
func lettered(opts []option) bool {
	if len(opts) < 1 {
		return false
	}
	for i, o := range opts {
		if o.letter != string(rune('A'+i)) {
			return false
		}
	}
	return true
}

// splitOptions reads the options on line l: "A) …", "B. …", "C.text", or
// several on one line ("A) … B) … C) …").
func splitOptions(l string) []option {
	if !mayBeOption(l) {
		return nil
	}
	plain := bareText(l)
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
	m := optionLine.FindStringSubmatch(plain)
	if m == nil {
		return nil
	}
	if i := len(plain) - len(m[2]); i > 0 && plain[i-1] != ' ' {
		// Glued: "A.Servers are …" needs a capital or a digit after the
		// letter, "A)…" anything.
		r, _ := utf8.DecodeRuneInString(m[2])
		if plain[i-1] == '.' && !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return nil
		}
	}
	return []option{tickOption(strings.ToUpper(m[1]), stripOptionLead(l))}
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

// optionMarks are the marks that tick an option, before or after its text.
var optionMarks = []string{"✅", "✔️", "✔", "✓", "☑", "(correct)", "[correct]", "(Correct)", "[Correct]", "(correct answer)"}

// tickOption makes an option of letter and text, ticked when a mark leads
// or ends the text (a trailing word "correct" too).
func tickOption(letter, text string) option {
	text = strings.TrimSpace(text)
	o := option{letter: letter, text: text}
	for _, mark := range optionMarks {
		if strings.HasSuffix(text, mark) || strings.HasPrefix(text, mark) {
			o.ticked = true
			o.text = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(text, mark), mark))
		}
	}
	if t := strings.TrimSuffix(o.text, " correct"); t != o.text && len(strings.Fields(t)) >= 1 && !strings.HasSuffix(strings.ToLower(t), " is") && !strings.HasSuffix(strings.ToLower(t), " not") {
		o.ticked, o.text = true, strings.TrimSpace(t)
	}
	return o
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

// bolded returns the letter of the only option written all in bold, when
// the others are not, or nil.
func bolded(opts []option) []string {
	var out []string
	for _, o := range opts {
		if o.bold || wholeEmphasis(o.text) {
			out = append(out, o.letter)
		}
	}
	if len(out) != 1 {
		return nil
	}
	return out
}

// answerLine reads a line that names the right options of opts: "Correct
// answer: B. explanation", "Answer: B and D", "✅ **Correct Answer:** **C**",
// "Correct Answer: CD", "Answer: " and an option's text. When labelled is
// set (the line follows an answer label), the label may be missing:
// "B", "B, C.", "B[2, 5, 8]". It returns the letters and the explanation;
// ok is false when l names no option.
func answerLine(l string, opts []option, labelled bool) (letters []string, expl string, ok bool) {
	t := strings.TrimLeftFunc(bareText(l), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '(' && r != '[' })
	rest := t
	if loc := answerHead.FindStringIndex(t); loc != nil && (loc[1] > loc[0]) {
		rest = strings.TrimSpace(t[loc[1]:])
	} else if !labelled {
		return nil, "", false
	}
	if rest == "" {
		return nil, "", false
	}
	for _, o := range opts {
		ot := bareText(o.text)
		if ot != "" && len(rest) >= len(ot) && strings.EqualFold(rest[:len(ot)], ot) && (len(rest) == len(ot) || !isWordByte(rest[len(ot)]) || !isWordByte(ot[len(ot)-1])) {
			return []string{o.letter}, strings.TrimLeft(rest[len(ot):], " .,;:)–—-"), true
		}
	}
	// A letter glued to its option's text: "B[2, 5, 8]", "CNone".
	if len(rest) > 1 && 'A' <= rest[0] && rest[0] <= 'H' {
		for _, o := range opts {
			ot := bareText(o.text)
			if o.letter == rest[:1] && ot != "" && strings.HasPrefix(rest[1:], ot) {
				return []string{o.letter}, strings.TrimLeft(rest[1+len(ot):], " .,;:)–—-"), true
			}
		}
	}
	if m := gluedLetters.FindStringSubmatch(rest); m != nil && distinct(m[1]) && inRange(m[1], opts) {
		for _, r := range m[1] {
			letters = append(letters, string(r))
		}
		return letters, strings.TrimSpace(m[2]), true
	}
	m := answerLetters.FindStringSubmatch(rest)
	if m == nil || !inRange(m[1], opts) {
		return nil, "", false
	}
	letters = []string{m[1]}
	for _, f := range strings.FieldsFunc(m[2], func(r rune) bool { return !('A' <= r && r <= 'H') }) {
		if len(f) == 1 {
			letters = append(letters, f)
		}
	}
	return letters, strings.TrimSpace(m[3]), true
}

func isWordByte(c byte) bool {
	return c >= utf8.RuneSelf || c == '_' || '0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'z'
}

// distinct reports whether the letters of s are all different.
func distinct(s string) bool {
	for i := range s {
		if strings.IndexByte(s[i+1:], s[i]) >= 0 {
			return false
		}
	}
	return true
}

// inRange reports whether every letter of s names an option of opts.
func inRange(s string, opts []option) bool {
	for _, r := range s {
		if int(r-'A') >= len(opts) {
			return false
		}
	}
	return true
}

// keyEntry is one line of an answer key.
type keyEntry struct {
	letter      string
	explanation string
}

var (
	keyHeading = lazyCompile(`(?i)^(?:answer\s*key|answers|answer\s*sheet|solutions|ключ(?:\s+відповідей)?|відповіді|ответы|réponses|lösungen|respuestas|解答|答案)$`)
	keyLine    = lazyCompile(`^(?:Q\s*)?(\d{1,5})\s*[.):\-–—]?\s*\(?([A-Ha-h])\)?(?:$|[\s.):,;\-–—]+(.*))`)
)

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

// keySection reports whether heading text names an answer key.
func keySection(name string) bool {
	if len(name) > 60 {
		return false
	}
	lower := strings.ToLower(name)
	return containsAny(lower, "answ", "solu", "ключ", "відпов", "ответ", "répon", "lösun", "respue", "解答", "答案") && keyHeading.MatchString(name)
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
	if e := strings.TrimSpace(expl); e != "" && (len(texts) != 1 || !strings.EqualFold(bareText(e), bareText(texts[0]))) {
		parts = append(parts, e)
	}
	if rest != "" {
		parts = append(parts, rest)
	}
	return strings.Join(parts, "\n\n"), ""
}
