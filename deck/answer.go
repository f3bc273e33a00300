package deck

import (
	"strings"
	"unicode"
)

// An answer is read from the blocks under its prompt. Labels inside it are
// structure, not content: "#### Answer:", "Correct Answer", "Solution", a
// collapsed "Answer" block. A label "Incorrect Answer" (or "Wrong answer")
// introduces a wrong answer that the page shows on purpose: it and what
// follows it up to the next label are dropped, and the back starts after a
// "Correct Answer" label. Hints ("Hint: …") and placeholders ("TODO", "To
// be completed.") are no answer.

// answerLabels are the labels that stand alone before an answer, lower
// case, without their colon.
var answerLabels = map[string]bool{
	"answer": true, "answers": true, "correct answer": true, "the answer": true, "right answer": true,
	"solution": true, "how to answer": true, "show answer": true, "model answer": true, "sample answer": true,
	"suggested answer": true, "answer and explanation": true, "ans": true,
	"incorrect answer": true, "wrong answer": true,
	"réponse": true, "bonne réponse": true, "antwort": true, "lösung": true, "respuesta": true, "solución": true,
	"resposta": true, "відповідь": true, "ответ": true, "odpověď": true, "odpoved": true, "答案": true, "回答": true,
	"解答": true, "正解": true, "答え": true, "정답": true, "답변": true,
}

// answerLabel reports whether text t is only an answer label ("Answer:",
// "**Correct Answer**", "A:").
func answerLabel(t string) bool {
	t = strings.TrimSpace(bareText(t))
	if len(t) > 40 {
		return false
	}
	if t == "A:" {
		return true
	}
	t = strings.TrimRight(t, ":：. ")
	t = strings.TrimLeftFunc(t, func(r rune) bool { return !unicode.IsLetter(r) })
	return answerLabels[strings.ToLower(t)]
}

// wrongLabel reports whether label text t introduces a wrong answer.
func wrongLabel(t string) bool {
	t = strings.ToLower(strings.TrimSpace(bareText(t)))
	return strings.HasPrefix(t, "incorrect answer") || strings.HasPrefix(t, "wrong answer")
}

// answerSummary reports whether the summary of a details block only says
// that an answer is inside ("Answer", "Show answer", "Click for
// solution").
func answerSummary(t string) bool {
	t = strings.TrimSpace(bareText(t))
	if answerLabel(t) {
		return true
	}
	lower := strings.ToLower(t)
	for _, p := range []string{"show answer", "show the answer", "reveal answer", "click for solution", "click to see", "click here", "click to reveal", "click to show", "see answer", "view answer", "show solution", "solution", "answer"} {
		if strings.HasPrefix(lower, p) && len(t) <= 40 {
			return true
		}
	}
	return false
}

// labelOf returns the text of block b when b is only a label line (a
// heading or a one-line paragraph), else "".
func labelOf(b block) string {
	switch {
	case b.kind == blockHeading:
		return cleanHeading(b.text)
	case b.oneLine():
		return b.lines[0]
	}
	return ""
}

// answerBody returns the blocks of an answer without its labels, its
// collapsed answer blocks opened, the wrong answers a label introduces,
// hints and placeholders.
func answerBody(body []block) []block {
	out := make([]block, 0, len(body))
	wrong, labelled := false, false
	for _, b := range body {
		if l := labelOf(b); l != "" && answerLabel(l) {
			wrong = wrongLabel(l)
			if !wrong && strings.HasPrefix(strings.ToLower(bareText(l)), "correct") {
				out = out[:0] // the back starts after "Correct Answer"
			}
			labelled = !wrong
			continue
		}
		if wrong {
			continue
		}
		if labelled && b.kind == blockPara {
			b.role = roleAnswer
		}
		labelled = false
		if b.kind == blockDetails && answerSummary(b.text) {
			out = append(out, answerBody(b.body)...)
			continue
		}
		if t := bareText(b.firstLine()); t != "" && (hintLine(t) || placeholder(t)) && b.oneLine() {
			continue
		}
		out = append(out, b)
	}
	if len(out) > 1 && out[0].kind == blockQuote && out[0].callout == "" && findOptions(out[0].body) == nil {
		// A quoted aside before the answer ("> Just know the gist.")
		// follows it.
		out = append(out[1:], out[0])
	}
	if len(out) > 0 && out[0].kind == blockPara {
		// "Answer: text" opening the answer: keep the text.
		p := out[0]
		if s := stripAnswerLead(p.lines[0]); s != p.lines[0] {
			p.lines = append([]string{s}, p.lines[1:]...)
			out[0] = p
		}
	}
	return out
}

// hintLine reports whether t gives a hint, not an answer.
func hintLine(t string) bool {
	lower := strings.ToLower(t[:min(len(t), 12)])
	return strings.HasPrefix(lower, "hint:") || strings.HasPrefix(lower, "hint -") || strings.HasPrefix(lower, "💡 hint")
}

// placeholder reports whether t stands for an answer not written yet.
func placeholder(t string) bool {
	if len(t) > 40 {
		return false
	}
	lower := strings.ToLower(strings.TrimRight(strings.TrimSpace(t), ".!… "))
	switch lower {
	case "todo", "tbd", "tba", "to be completed", "to be added", "coming soon", "answer coming soon", "work in progress", "wip", "n/a", "...", "…":
		return true
	}
	return strings.HasPrefix(lower, "todo:") || strings.HasPrefix(lower, "todo ")
}

// wrongMark reports whether t opens the explanation of a wrong option:
// "✗ Incorrect: …", "❌ …", "Incorrect: …".
func wrongMark(t string) bool {
	for _, m := range []string{"✗", "✘", "❌", "Incorrect:", "Incorrect -", "Incorrect –", "Wrong:"} {
		if strings.HasPrefix(t, m) {
			return true
		}
	}
	return false
}

// noAnswer says why body answers no question: nothing, only a hint, or
// only a placeholder.
func noAnswer(body []block) string {
	for _, b := range body {
		switch t := bareText(b.firstLine()); {
		case t != "" && hintLine(t):
			return "question with only a hint under it"
		case t != "" && placeholder(t):
			return "question with only a placeholder (" + strings.ToLower(strings.TrimRight(t, ".!… ")) + ") under it"
		}
	}
	return "question with no answer under it"
}
