package deck

import (
	"strings"
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

// widgetText matches a block that is only the text of a widget.
var widgetText = lazyCompile(`(?i)^(?:click|tap|press)\s+(?:here\s+)?(?:to|for)\s+(?:reveal|show|see|view|flip|expand|hide|check)(?:\s+(?:the\s+)?(?:answer|solution|card|more|explanation))?|` +
	`^(?:reveal|show|hide|view|see|check)\s+(?:the\s+)?(?:answers?|solutions?|explanation|hint|more|less|all)|^(?:open|close|expand|collapse)\s+all|` +
	`^(?:back|scroll)\s+to\s+top|^(?:next|previous|prev)(?:\s+(?:question|card|page|lesson|chapter))?|^skip\s+to\s+(?:main\s+)?content|` +
	`^toggle\s+(?:on|off)|^play\s+button|^image|^progress|^reading\.\.\.|^loading\.\.\.|^(?:share|tweet|copy\s+link|copy\s+to\s+clipboard|print|subscribe)(?:\s+(?:this|on\s+\w+))?|` +
	`^(?:log\s*in|sign\s*in|sign\s*up|register)|^published\s+on|^authors?|^comments?|^(?:✗|✘|❌|×)\s*(?:incorrect|wrong)|^(?:✓|✔|✅)\s*correct|` +
	`^incorrect!?\s*(?:try\s+again\.?)?|^correct!|^try\s+again\.?|^check\s+(?:your\s+)?answers?|^submit(?:\s+answers?)?|^mark\s+as\s+(?:complete|done|read)|` +
	`^finish\s+this\s+(?:chapter|lesson|module)|^(?:accept|reject)(?:\s+all)?(?:\s+cookies)?|^made\s+with\s+|^table\s+of\s+contents$`)

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
	t = strings.TrimSpace(plainText(t))
	if t == "" || len(t) > 120 {
		return false
	}
	if loc := widgetText.FindStringIndex(t); loc != nil && loc[1] == len(strings.TrimRight(t, ".!:; ")) {
		return true
	}
	return chromeLine.MatchString(t) || difficulty.MatchString(t)
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
	out := bs[:0:0]
	for _, b := range bs {
		switch b.kind {
		case blockPara:
			if b.oneLine() && (isChrome(b.lines[0]) || repeated[b.lines[0]]) {
				continue
			}
			if g := unglue(b.lines[0]); g != b.lines[0] {
				b.lines = append([]string{g}, b.lines[1:]...)
			}
		case blockHeading:
			if isChrome(b.text) {
				continue
			}
			b.text = unglue(b.text)
		case blockList:
			items := make([]item, 0, len(b.items))
			for _, it := range b.items {
				it.blocks = dropChromeIn(it.blocks, repeated)
				if len(it.blocks) > 0 {
					items = append(items, it)
				}
			}
			if len(items) == 0 {
				continue
			}
			pt := *b.parts
			pt.items = items
			b.parts = &pt
		case blockDetails, blockQuote:
			pt := *b.parts
			pt.body = dropChromeIn(b.body, repeated)
			b.parts = &pt
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

// closingHeading reports whether text s names a section that holds no
// cards ("Conclusion", "Summary", "Related articles"): short, no sentence.
func closingHeading(s string) bool {
	if s == "" || len(s) > 40 || len(strings.Fields(s)) > 4 || endsSentence(s) || strings.HasSuffix(s, ":") {
		return false
	}
	return skipSection.MatchString(s) || boilerSection.MatchString(s)
}
