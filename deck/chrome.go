package deck

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Site chrome is found by generic signals, not by the site: the text of
// widgets and buttons ("Click to flip", "Show answer", "Open all", "Back to
// top"), counters and scores ("Question 3 of 31", "0 / 5 completed", "(0
// answered)", "10/10 points"), difficulty badges ("beginner"), read times,
// share, login and cookie lines, icon names glued to a button's label
// ("expand_moreShow answer"), and, on a page saved as text, any short line
// that the page repeats three times or more (a badge or a category label).
// Sections that hold no cards are found by their headings: introductions,
// objectives, summaries, tables of contents, repository boilerplate, answer
// keys.

// widgetPhrases are the texts of widgets and buttons, lower case, without
// end punctuation.
var widgetPhrases = lazySet(strings.Join([]string{
	"show answer", "show answers", "show the answer", "hide answer", "hide answers", "reveal answer", "reveal the answer",
	"show solution", "hide solution", "view answer", "see answer", "see the answer", "check answer", "check answers",
	"check your answer", "check your answers", "show explanation", "show hint", "show more", "show less", "read more",
	"show all", "hide all", "open all", "close all", "expand all", "collapse all", "back to top", "scroll to top",
	"next", "previous", "prev", "next question", "previous question", "next card", "previous card", "next page",
	"previous page", "next lesson", "previous lesson", "next chapter", "previous chapter", "skip to content",
	"skip to main content", "toggle on", "toggle off", "play button", "image", "progress", "reading...", "loading...",
	"share", "share this", "tweet", "copy link", "copy to clipboard", "print", "subscribe", "log in", "login", "sign in",
	"sign up", "signin", "signup", "register", "published on", "author", "authors", "comments", "comment",
	"incorrect", "incorrect! try again", "incorrect try again", "try again", "correct!", "submit", "submit answer",
	"submit answers", "mark as complete", "mark as done", "mark as read", "finish this chapter", "finish this lesson",
	"finish this module", "accept", "accept all", "accept cookies", "accept all cookies", "reject", "reject all",
	"✗ incorrect", "✘ incorrect", "❌ incorrect", "× incorrect", "✗ wrong", "❌ wrong",
	"✓ correct", "✔ correct", "✅ correct", "flip", "flip card", "click to flip", "tap to flip", "click to reveal",
	"click to reveal answer", "click to show answer", "click to see answer", "click for solution", "click here",
}, "\x00"), "\x00")

// clickText matches the other texts of buttons that say what a click does:
// "Click here to see the answer".
var clickText = lazyCompile(`^(?:click|tap|press)\s+(?:here\s+)?(?:to|for)\s+(?:reveal|show|see|view|flip|expand|hide|check)(?:\s+(?:the\s+)?(?:answer|solution|card|more|explanation))?$`)

// chromeLine matches counters, scores, dates and read times: "1 / 5",
// "Question 3 of 31", "0 / 5 completed", "(0 answered)", "79 Cards in this
// Set", "10/10 points (ungraded)", "12 min read", "Updated: May 1, 2026".
var chromeLine = lazyCompile(`(?i)^(?:(?:question|q|card)\s*)?\d{1,5}\s*(?:/|of)\s*\d{1,5}(?:\s+(?:completed|done|answered|points?|cards?|questions?)(?:\s*\(\w+\))?)?$|` +
	`^\(?\d{1,5}\s+(?:answered|completed|done)\)?$|^\d{1,6}\s+(?:cards?|questions?|terms?|topics?|exercises?|lessons?)(?:\s+in\s+this\s+(?:set|deck|quiz))?$|` +
	`^\d{1,3}\s*(?:min(?:ute)?s?|hours?)\s+read$|^(?:updated|last\s+updated|published|posted|last\s+modified)(?:\s+on)?\s*:?\s+\S.{0,40}$|` +
	`^©|^copyright\b|^all\s+rights\s+reserved|^we\s+use\s+cookies|^this\s+(?:site|website)\s+uses\s+cookies`)

// difficulty matches a difficulty or level badge on its own.
var difficulty = lazyCompile(`(?i)^(?:beginner|intermediate|advanced|expert|easy|medium|hard|basic|novice|junior|mid|senior|level\s+\d)$`)

// iconGlue matches the name of an icon glued before a button's label, as
// icon fonts leave it in page text: "expand_moreShow answer".
var iconGlue = lazyCompile(`^[a-z]+(?:_[a-z]+)+`)

// isChrome reports whether the whole text t of a block is chrome.
func isChrome(t string) bool {
	if len(t) > 240 {
		return false // longer than any chrome, markup and all
	}
	t = strings.TrimSpace(bareText(t))
	if t == "" || len(t) > 120 {
		return false
	}
	if len(t) > 60 {
		return breadcrumbs(t) // no widget, counter or badge is so long
	}
	key := strings.ToLower(strings.Join(strings.Fields(strings.TrimRight(t, ".!:; ")), " "))
	if widgetPhrases()[key] {
		return true
	}
	first, _, _ := strings.Cut(key, " ")
	if (first == "click" || first == "tap" || first == "press") && clickText.MatchString(key) || strings.HasPrefix(key, "made with ") {
		return true
	}
	if c := t[0]; '0' <= c && c <= '9' || c == '(' || lineWords()[first] || c >= utf8.RuneSelf && strings.HasPrefix(t, "©") {
		if chromeLine.MatchString(t) {
			return true
		}
	}
	if first == key && difficulty.MatchString(t) || backWords()[first] && backLink.MatchString(t) || strings.Contains(t, " ") && breadcrumbs(t) {
		return true
	}
	// A badge of parts: "Beginner · 15 min", "Easy | 5 questions".
	if parts := strings.FieldsFunc(t, func(r rune) bool { return r == '·' || r == '|' || r == '•' }); len(parts) >= 2 {
		for _, p := range parts {
			p = strings.TrimSpace(p)
			if !difficulty.MatchString(p) && !duration.MatchString(p) && !chromeLine.MatchString(p) {
				return false
			}
		}
		return true
	}
	return false
}

// The first words of the widget texts, counters and back links below, so
// that most text is ruled out without a regexp.
var (
	lineWords = lazySet("question q card updated last published posted copyright all we this ©")
	backWords = lazySet("back return go ← ‹ « ⟵ <")
)

// lazySet returns a function that builds wordSet(s, sep...) on its first
// call: a set costs a program that never reads a chapter nothing.
func lazySet(s string, sep ...string) func() map[string]bool {
	return sync.OnceValue(func() map[string]bool { return wordSet(s, sep...) })
}

// wordSet returns the set of the words of s, split at sep (white space
// when sep is "").
func wordSet(s string, sep ...string) map[string]bool {
	var words []string
	if len(sep) > 0 {
		words = strings.Split(s, sep[0])
	} else {
		words = strings.Fields(s)
	}
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// backLink matches a link back to where the page came from: "← Back to
// track", "‹ Return to the course".
var backLink = lazyCompile(`(?i)^(?:[←‹«⟵<]\s*)?(?:back|return|go\s+back)\s+to\b`)

// duration matches a time or size badge: "15 min", "2 hours", "5
// questions".
var duration = lazyCompile(`(?i)^\d{1,4}\s*(?:s|sec|seconds?|m|min|mins|minutes?|h|hrs?|hours?|days?|questions?|cards?|lessons?|topics?|xp|points?)$`)

// breadcrumbs reports whether t is a trail of short links drawn with
// separators: "Home › Courses › AWS", "Docs / Lambda / Limits".
func breadcrumbs(t string) bool {
	if !strings.ContainsAny(t, "›»>/⟩→") {
		return false
	}
	for _, sep := range []string{" › ", " » ", " > ", " / ", " ⟩ ", " → "} {
		parts := strings.Split(t, sep)
		if len(parts) < 3 {
			continue
		}
		for _, p := range parts {
			if w := len(strings.Fields(p)); w == 0 || w > 4 || endsSentence(p) {
				return false
			}
		}
		return true
	}
	return false
}

// unglue removes widget text and icon names glued before the text of a
// block ("Open allAre there …?" → "Are there …?").
func unglue(t string) string {
	if loc := iconGlue.FindStringIndex(t); loc != nil && loc[1] < len(t) {
		r, _ := utf8.DecodeRuneInString(t[loc[1]:])
		if unicode.IsUpper(r) {
			t = t[loc[1]:]
		}
	}
	for _, w := range gluedWidgets {
		if len(t) > len(w) && strings.HasPrefix(t, w) {
			r, _ := utf8.DecodeRuneInString(t[len(w):])
			if unicode.IsUpper(r) || unicode.IsDigit(r) {
				return t[len(w):]
			}
		}
	}
	return t
}

// gluedWidgets are the widget labels a scraped accordion glues to the text
// after them.
var gluedWidgets = []string{"Open all", "Close all", "Expand all", "Collapse all", "Show all", "Hide all", "Show answer", "Hide answer", "Toggle"}

// dropChrome removes the chrome blocks of bs, and on a page saved as text
// the paragraphs that repeat (short lines that occur three times or more),
// and ungluing widget text from the rest. It works through lists, details
// and quotes; an emptied list item or list goes.
func dropChrome(bs []block, text bool) []block {
	var repeated map[string]bool
	if text {
		count := map[string]int{}
		for i := range bs {
			if t := bs[i].firstLine(); bs[i].oneLine() && short(t) && !gradeWord(t) {
				count[t]++
			}
		}
		for t, n := range count {
			if n >= 3 {
				if repeated == nil {
					repeated = map[string]bool{}
				}
				repeated[t] = true
			}
		}
	}
	return dropChromeIn(bs, repeated)
}

func dropChromeIn(bs []block, repeated map[string]bool) []block {
	out := bs[:0] // the blocks are the lowering's own: filtered in place
	for _, b := range bs {
		switch b.kind {
		case blockPara:
			if b.oneLine() && (isChrome(b.lines[0]) || repeated[b.lines[0]]) {
				continue
			}
			if g := unglue(b.lines[0]); g != b.lines[0] {
				b.lines[0] = g
			}
		case blockHeading:
			if isChrome(b.text) {
				continue
			}
			b.text = unglue(b.text)
		case blockList:
			items := b.items[:0]
			for _, it := range b.items {
				it.blocks = dropChromeIn(it.blocks, repeated)
				if len(it.blocks) > 0 {
					items = append(items, it)
				}
			}
			if len(items) == 0 {
				continue
			}
			b.items = items
		case blockDetails, blockQuote:
			b.body = dropChromeIn(b.body, repeated)
		}
		out = append(out, b)
	}
	return out
}

// gradeWord reports whether t is only the word a graded quiz writes under
// its options ("correct"), which means something each time.
func gradeWord(t string) bool {
	switch strings.ToLower(strings.TrimSpace(t)) {
	case "correct", "incorrect", "wrong", "right":
		return true
	}
	return false
}

// short reports whether t is a short line: at most four words and 40 bytes,
// no sentence.
func short(t string) bool {
	return len(t) <= 40 && len(strings.Fields(t)) <= 4 && !endsSentence(t)
}

// skipSection matches the headings of sections that hold no cards:
// introductions, objectives and summaries written as prose.
var skipSection = lazyCompile(`(?i)^(?:\d+\.\s*)?(?:introduction|overview|learning objectives|objectives|what you(?:'ll| will) learn|(?:final |chapter )?summary|conclusion|key takeaways|next steps|further reading|references)\b`)

// boilerSection matches the headings of repository and page boilerplate.
var boilerSection = lazyCompile(`(?i)^(?:table of contents|contents|toc|contributing|contributors|licen[cs]e|credits|acknowledg(?:e)?ments|about the authors?|related(?: posts| articles)?|see also|share this|comments|changelog|installation|usage|discussion)\b`)

// contentsSection matches the heading of a table of contents, which ends at
// the next heading of any level.
var contentsSection = lazyCompile(`(?i)^(?:table of contents|contents|toc|зміст|содержание|sommaire|inhalt|inhaltsverzeichnis|índice|目次|目录|목차)$`)

// tipSection matches the headings of sections whose bullets are tips, not
// definitions.
var tipSection = lazyCompile(`(?i)\b(?:tips?|advice|best practices|do's and don'ts|dos and don'ts|pitfalls)\b`)

// glossarySection matches the headings of sections whose sub-headings are
// terms.
var glossarySection = lazyCompile(`(?i)\b(?:glossary|glossaire|glossar|terms|terminology|vocabulary|definitions|словник|用語集)\b`)

// skipped reports whether heading text name names a section that holds no
// cards: an introduction, a summary, boilerplate, an answer key.
func skipped(name string) bool {
	if len(name) > 60 || name == "" {
		return false
	}
	first, _, _ := strings.Cut(strings.ToLower(strings.TrimLeft(name, "0123456789. ")), " ")
	if !sectionWords()[strings.TrimRight(first, ":,")] {
		return false
	}
	return skipSection.MatchString(name) || boilerSection.MatchString(name) || keySection(name)
}

// sectionWords are the first words of the headings skipSection,
// boilerSection and keyHeading match.
var sectionWords = lazySet("introduction overview learning objectives what (final chapter summary conclusion key next further references " +
	"table contents toc contributing contributors license licence credits acknowledgments acknowledgements about related see share comments changelog installation usage discussion " +
	"answer answers solutions ключ відповіді ответы réponses lösungen respuestas 解答 答案")

// closingHeading reports whether text s names a section that holds no
// cards ("Conclusion", "Summary", "Related articles"): short, no sentence.
func closingHeading(s string) bool {
	if s == "" || len(s) > 40 || len(strings.Fields(s)) > 4 || endsSentence(s) || strings.HasSuffix(s, ":") {
		return false
	}
	return skipSection.MatchString(s) || boilerSection.MatchString(s)
}
