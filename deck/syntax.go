package deck

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Notes written for other spaced-repetition tools mark their cards
// explicitly, and those marks are read as written, before the rest of the
// chapter is lowered:
//
//	Question::Answer                 Obsidian Spaced Repetition: one card
//	Term:::Definition                two cards, forward then reverse
//	Question lines                   a multi-line card: "?" on a line of its
//	?                                own, the answer up to a blank line or an
//	Answer lines                     end marker line ("+++"); "??" gives two
//	+++                              cards
//	… ==deletion== …                 a cloze card per highlighted deletion
//	… {{c1::deletion::hint}} …       Anki cloze: a card per cloze number
//	C: … [deletion] …                hashcards cloze: a card per deletion
//	                                 ("\[" stays text)
//	Question >> Answer               RemNote: one card
//
// Their "<!--SR:…-->" scheduling comments are dropped. Lines inside fenced
// code, block quotes and front matter are never card syntax. A key-value
// property ("status:: done", as Dataview and Logseq write them) is none
// either.

// syntaxLine reports whether line l is a one-line card of a card syntax.
func syntaxLine(l string) bool {
	_, _, _, ok := splitSeparator(l)
	return ok
}

// splitSeparator splits an Obsidian one-line card "Question::Answer" or
// "Term:::Definition" (reverse set) outside code spans.
func splitSeparator(l string) (front, back string, reverse, ok bool) {
	if f, b, found := strings.Cut(l, " >> "); found && strings.Count(l, "`")%2 == 0 && strings.TrimSpace(f) != "" && strings.TrimSpace(b) != "" && !strings.Contains(b, " >> ") {
		return strings.TrimSpace(f), strings.TrimSpace(b), false, true // RemNote
	}
	i := strings.Index(l, "::")
	if i <= 0 || strings.Count(l, "`")%2 == 1 {
		return "", "", false, false
	}
	if code := strings.IndexByte(l, '`'); code >= 0 && code < i {
		// The separator must not sit inside a code span.
		if strings.Count(l[:i], "`")%2 == 1 {
			return "", "", false, false
		}
	}
	n := 2
	if strings.HasPrefix(l[i:], ":::") {
		n = 3
		if strings.HasPrefix(l[i:], "::::") {
			return "", "", false, false
		}
	}
	front, back = strings.TrimSpace(l[:i]), strings.TrimSpace(l[i+n:])
	if front == "" || back == "" || strings.Contains(back, "::") || strings.HasPrefix(front, "{{") || strings.Contains(front, "{{c") {
		return "", "", false, false
	}
	// "key:: value" is a property, "std::vector" and "A::B" are names.
	if !strings.ContainsAny(front, " \t") {
		after := l[i+n:]
		if n == 2 && (strings.HasPrefix(after, " ") || isWordByte(after[0]) && isWordByte(l[i-1])) {
			return "", "", false, false
		}
	}
	return front, back, n == 3, true
}

// syntaxBlock is a block of cards read from a card syntax.
func syntaxBlock(line int, cards []Card) block {
	return block{kind: blockCards, line: line, parts: boxParts(box{cards: cards})}
}

// scanSyntax finds the cards written in card syntaxes in src (a Markdown
// or text chapter), and returns src with their lines blanked (line breaks
// kept, so that lines stay numbered) and the blocks of those cards in
// source order.
func scanSyntax(src string) (string, []block) {
	if !strings.Contains(src, "::") && !strings.Contains(src, "==") && !strings.Contains(src, "{{c") && !strings.Contains(src, "C:") && !strings.Contains(src, "\n?") && !strings.Contains(src, " >> ") {
		return src, nil
	}
	lines := strings.Split(src, "\n")
	var found []block
	blank := func(from, to int) {
		for k := from; k < to; k++ {
			lines[k] = ""
		}
	}
	fence := ""
	front := frontMatterEnd(lines)
	for i := front; i < len(lines); i++ {
		l := lines[i]
		t := strings.TrimSpace(l)
		if fence != "" {
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = t[:3]
			continue
		}
		if strings.HasPrefix(t, ">") || t == "" {
			continue
		}
		t = stripSRComment(t)
		item := strings.TrimSpace(strings.TrimLeft(t, "-*+ \t"))
		// A multi-line card: its question runs up from the "?" line to a
		// blank line.
		if (t == "?" || t == "??") && i > front && strings.TrimSpace(lines[i-1]) != "" {
			start := i
			for start > front && strings.TrimSpace(lines[start-1]) != "" && !syntaxLine(lines[start-1]) {
				start--
			}
			end := i + 1
			for end < len(lines) && strings.TrimSpace(lines[end]) != "" && !endMarker(strings.TrimSpace(lines[end])) {
				end++
			}
			if options(lines[start:i]) {
				continue // multiple choice, answered after a lone "?"
			}
			q := joinLines(lines[start:i])
			a := joinLines(lines[i+1 : end])
			if end < len(lines) && endMarker(strings.TrimSpace(lines[end])) {
				end++
			}
			if q != "" && a != "" {
				found = append(found, syntaxBlock(start+1, twoWay(q, a, t == "??", start+1)))
				blank(start, end)
				i = end - 1
			}
			continue
		}
		if f, b, rev, ok := splitSeparator(item); ok {
			found = append(found, syntaxBlock(i+1, twoWay(f, b, rev, i+1)))
			blank(i, i+1)
			continue
		}
		if strings.HasPrefix(t, "C:") {
			end := i + 1
			for end < len(lines) && strings.TrimSpace(lines[end]) != "" {
				end++
			}
			text := strings.TrimSpace(strings.TrimPrefix(joinLines(lines[i:end]), "C:"))
			if cards := bracketCloze(text, i+1); cards != nil {
				found = append(found, syntaxBlock(i+1, cards))
				blank(i, end)
				i = end - 1
			}
			continue
		}
		if strings.Contains(t, "==") || strings.Contains(t, "{{c") {
			if cards := cloze(t, i+1); cards != nil {
				found = append(found, syntaxBlock(i+1, cards))
				blank(i, i+1)
			}
		}
	}
	if found == nil {
		return src, nil
	}
	return strings.Join(lines, "\n"), found
}

// options reports whether two or more of lines are lettered options.
func options(lines []string) bool {
	n := 0
	for _, l := range lines {
		if len(splitOptions(listText(strings.TrimSpace(l)))) > 0 {
			n++
		}
	}
	return n >= 2
}

// frontMatterEnd returns the index of the first line after a YAML front
// matter block, or 0.
func frontMatterEnd(lines []string) int {
	if len(lines) == 0 || strings.TrimRight(lines[0], " \t") != "---" {
		return 0
	}
	for i := 1; i < len(lines); i++ {
		if t := strings.TrimRight(lines[i], " \t"); t == "---" || t == "..." {
			return i + 1
		}
	}
	return 0
}

// endMarker reports whether t is a line that ends a multi-line card: two to
// five of one punctuation character ("+++").
func endMarker(t string) bool {
	if len(t) < 2 || len(t) > 5 || t == "--" || t == "---" {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] != t[0] || isWordByte(t[0]) || t[0] == ' ' {
			return false
		}
	}
	return true
}

// stripSRComment removes an Obsidian Spaced Repetition scheduling comment
// ("<!--SR:!2026-01-02,3,250-->") from line t.
func stripSRComment(t string) string {
	i := strings.Index(t, "<!--SR:")
	if i < 0 {
		return t
	}
	j := strings.Index(t[i:], "-->")
	if j < 0 {
		return strings.TrimSpace(t[:i])
	}
	return strings.TrimSpace(t[:i] + t[i+j+3:])
}

// joinLines joins lines into card text: one line each, SR comments and
// the Markdown list markers of their items kept as written.
func joinLines(ls []string) string {
	var out []string
	for _, l := range ls {
		if t := stripSRComment(strings.TrimSpace(l)); t != "" {
			out = append(out, listText(t))
		}
	}
	return strings.Join(out, "\n")
}

// listText writes a Markdown list line as card text: its marker dropped
// ("- ", "* ", "1. ").
func listText(t string) string {
	if m, ok := listMarker(t); ok {
		return m.text
	}
	return t
}

// twoWay returns the card of a front and a back, and its reverse when
// reverse is set.
func twoWay(front, back string, reverse bool, line int) []Card {
	kind := KindQA
	if !isQuestionEnd(front) && reverse {
		kind = KindDefinition
	}
	cards := []Card{{Kind: kind, Front: front, Back: back, Line: line}}
	if reverse && front != back {
		cards[0].link = noteHead
		cards = append(cards, Card{Kind: kind, Front: back, Back: front, Line: line, Reverse: true, link: sibling})
	}
	return cards
}

// deletion is one cloze deletion in a text: its byte span, the deleted
// text, its hint and its cloze number (0 when each deletion is a card of
// its own).
type deletion struct {
	start, end int
	text, hint string
	num        int
}

// cloze reads the cloze deletions of line t: "==text==" (a card per
// deletion) and Anki's "{{c1::text::hint}}" (a card per number).
func cloze(t string, line int) []Card {
	var dels []deletion
	for i := 0; i < len(t); {
		switch {
		case strings.HasPrefix(t[i:], "{{c"):
			d, ok := clozeAt(t, i)
			if !ok {
				i++
				continue
			}
			dels = append(dels, d)
			i = d.end
		case strings.HasPrefix(t[i:], "=="):
			end := strings.Index(t[i+2:], "==")
			if end <= 0 || strings.TrimSpace(t[i+2:i+2+end]) != t[i+2:i+2+end] {
				i += 2
				continue
			}
			dels = append(dels, deletion{start: i, end: i + 2 + end + 2, text: t[i+2 : i+2+end]})
			i += 2 + end + 2
		default:
			i++
		}
	}
	return clozeCards(nil, t, dels, line)
}

// bracketCloze reads the deletions of a hashcards cloze text: each
// "[text]" is a deletion; "\\[" stays text.
func bracketCloze(t string, line int) []Card {
	var dels []deletion
	for i := 0; i < len(t); i++ {
		if t[i] == '\\' {
			i++
			continue
		}
		if t[i] != '[' {
			continue
		}
		end := strings.IndexByte(t[i:], ']')
		if end <= 1 {
			continue
		}
		dels = append(dels, deletion{start: i, end: i + end + 1, text: t[i+1 : i+end]})
		i += end
	}
	return clozeCards(strings.ReplaceAll, t, dels, line)
}

// clozeCards makes the cards of text t with deletions dels: it writes the
// note's text in Anki's cloze syntax, each deletion without a number
// numbered after the others, in order, and reads its cards (ClozeCards).
// unescape, when not nil, turns "\\[" into "[" in the text between the
// deletions (a hashcards text).
func clozeCards(unescape func(s, old, new string) string, t string, dels []deletion, line int) []Card {
	if len(dels) == 0 {
		return nil
	}
	next := 1
	for _, d := range dels {
		next = max(next, d.num+1)
	}
	var b strings.Builder
	prev := 0
	plain := func(s string) string {
		if unescape != nil {
			s = unescape(s, `\[`, "[")
		}
		return s
	}
	for _, d := range dels {
		b.WriteString(plain(t[prev:d.start]))
		n := d.num
		if n == 0 {
			n, next = next, next+1
		}
		fmt.Fprintf(&b, "{{c%d::%s", n, d.text)
		if d.hint != "" {
			b.WriteString("::" + d.hint)
		}
		b.WriteString("}}")
		prev = d.end
	}
	b.WriteString(plain(t[prev:]))
	cards := ClozeCards(strings.TrimSpace(b.String()))
	for k := range cards {
		cards[k].Line = line
	}
	return cards
}

// ClozeCards reads a text in Anki's cloze syntax ("The {{c1::kubelet}} runs
// on every {{c2::node::where?}}") and returns its cards, one per cloze
// number, lowest first: a card's front shows that number's deletions as
// "[...]" (or "[hint]") and the others filled in; its back starts with the
// deleted text, then the whole text with the deletion in bold. Each card
// has Kind KindCloze, its Cloze number and the text; the first heads the
// note. A text without a deletion gives none.
func ClozeCards(text string) []Card {
	dels := clozeDeletions(text)
	if len(dels) == 0 {
		return nil
	}
	var nums []int
	for _, d := range dels {
		if !slices.Contains(nums, d.num) {
			nums = append(nums, d.num)
		}
	}
	slices.Sort(nums)
	var cards []Card
	for _, n := range nums {
		var answers []string
		var front, full strings.Builder
		prev := 0
		for _, d := range dels {
			front.WriteString(text[prev:d.start])
			full.WriteString(text[prev:d.start])
			switch {
			case d.num == n && d.hint != "":
				front.WriteString("[" + d.hint + "]")
			case d.num == n:
				front.WriteString("[...]")
			default:
				front.WriteString(d.text)
			}
			if d.num == n {
				answers = append(answers, strings.TrimSpace(d.text))
				full.WriteString("**" + d.text + "**")
			} else {
				full.WriteString(d.text)
			}
			prev = d.end
		}
		front.WriteString(text[prev:])
		full.WriteString(text[prev:])
		link := sibling
		if len(cards) == 0 {
			link = noteHead
		}
		cards = append(cards, Card{Kind: KindCloze, Front: strings.TrimSpace(front.String()),
			Back: strings.TrimSpace(strings.Join(answers, "; ") + "\n\n" + strings.TrimSpace(full.String())), Cloze: n, Text: text, link: link})
	}
	if len(cards) == 1 {
		cards[0].link = alone
	}
	return cards
}

// ClozeFull returns a cloze text with every deletion filled in and in bold,
// as a cheat sheet prints the note once.
func ClozeFull(text string) string {
	var b strings.Builder
	prev := 0
	for _, d := range clozeDeletions(text) {
		b.WriteString(text[prev:d.start])
		b.WriteString("**" + d.text + "**")
		prev = d.end
	}
	b.WriteString(text[prev:])
	return b.String()
}

// ClozePlaceholders returns what the front of cloze card n of text shows
// in place of its deletions: "[...]", or "[hint]" for a deletion with a
// hint, each once.
func ClozePlaceholders(text string, n int) []string {
	var out []string
	for _, d := range clozeDeletions(text) {
		p := "[...]"
		if d.hint != "" {
			p = "[" + d.hint + "]"
		}
		if d.num == n && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// clozeDeletions returns the deletions {{cN::text}} and {{cN::text::hint}}
// of a text in Anki's cloze syntax, in order.
func clozeDeletions(t string) []deletion {
	var dels []deletion
	for i := 0; i < len(t); {
		d, ok := clozeAt(t, i)
		if !ok || d.num == 0 {
			i++
			continue
		}
		dels = append(dels, d)
		i = d.end
	}
	return dels
}

// clozeAt reads the deletion {{cN::text}} or {{cN::text::hint}} that
// starts at t[i:]; N may be 0 (a deletion to number).
func clozeAt(t string, i int) (deletion, bool) {
	if !strings.HasPrefix(t[i:], "{{c") {
		return deletion{}, false
	}
	j := i + 3
	for j < len(t) && '0' <= t[j] && t[j] <= '9' {
		j++
	}
	end := strings.Index(t[j:], "}}")
	if j == i+3 || !strings.HasPrefix(t[j:], "::") || end < 0 {
		return deletion{}, false
	}
	num, _ := strconv.Atoi(t[i+3 : j])
	text, hint, _ := strings.Cut(t[j+2:j+end], "::")
	if strings.TrimSpace(text) == "" {
		return deletion{}, false
	}
	return deletion{start: i, end: j + end + 2, text: text, hint: hint, num: num}, true
}

// syntax reads a paragraph written in a card syntax the pre-pass could not
// see (inside a list or a quote of a Markdown chapter): "Question::Answer".
func (f *finder) syntax(bs []block, i int) (int, bool) {
	b := bs[i]
	if len(b.lines) != 1 {
		return i, false
	}
	front, back, rev, ok := splitSeparator(b.lines[0])
	if !ok {
		return i, false
	}
	for _, c := range twoWay(front, back, rev, b.line) {
		f.add(c)
	}
	return i + 1, true
}
