package deck

import (
	"fmt"
	"regexp"
	"testing"
)

// answerMarkerIndex does by hand what this regexp does.
var answerMarkerRE = regexp.MustCompile(`(?:^|\s)(?:\*{1,2}How to answer:\*{1,2}|How to answer:|\*\*A\d*:\*\*|\*\*Answer(?:\s*\d+)?:\*\*|A\d*:|Answer(?:\s*\d+)?:)\s*`)

func TestAnswerMarkerIndex(t *testing.T) {
	for _, s := range []string{
		"Q: Why? A: Because.", "Q: Why? *How to answer:* Because.", "**How to answer:** x", "Why **A:** yes", "Why **A1:** yes",
		"Why A3: yes", "Why Answer 2: yes", "Why **Answer:** yes", "Why **Answer 2:** yes", "NA: no", "A:", "x A:", "Why? Answer:",
		"Why? Answers: no", "Why? BA: no", "Q: x\tA: y", "How to answer:now", "a:b", "", ":", "A :", "Answer  12: x", "*A:* x", "x *Answer:* y", "*How to answer:** x", "**How to answer:* x", "*How to answer: x", "**A:* x",
	} {
		got := answerMarkerIndex(s)
		want := answerMarkerRE.FindStringIndex(s)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("answerMarkerIndex(%q) = %v, want %v", s, got, want)
		}
	}
}
