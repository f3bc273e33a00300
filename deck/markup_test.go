package deck

import (
	"fmt"
	"testing"

	"spaced/internal/testenv"
)

// TestSpans reads the awkward texts that every renderer draws from Spans.
func TestSpans(t *testing.T) {
	for _, tc := range testenv.MarkupCases {
		var got []testenv.Run
		for _, sp := range Spans(tc.Text) {
			got = append(got, testenv.Run{Text: sp.Text, Strong: sp.Style&Strong != 0, Em: sp.Style&Em != 0, Code: sp.Style&Code != 0})
		}
		if fmt.Sprint(got) != fmt.Sprint(tc.Runs) {
			t.Errorf("Spans(%q) = %v, want %v", tc.Text, got, tc.Runs)
		}
		if got, want := PlainText(tc.Text), runText(tc.Runs); got != want {
			t.Errorf("PlainText(%q) = %q, want %q", tc.Text, got, want)
		}
	}
}

func runText(runs []testenv.Run) string {
	s := ""
	for _, r := range runs {
		s += r.Text
	}
	return s
}
