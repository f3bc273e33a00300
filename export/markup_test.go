package export

import (
	"fmt"
	"html"
	"strings"
	"testing"

	"spaced/internal/testenv"
)

// The Anki HTML and the PDF draw the awkward texts as deck.Spans reads
// them, as the review screen does.
func TestMarkupAnkiHTML(t *testing.T) {
	for _, tc := range testenv.MarkupCases {
		got := htmlRuns(AnkiHTML(tc.Text))
		if fmt.Sprint(got) != fmt.Sprint(tc.Runs) {
			t.Errorf("AnkiHTML(%q) = %q: runs %v, want %v", tc.Text, AnkiHTML(tc.Text), got, tc.Runs)
		}
	}
}

func TestMarkupPDF(t *testing.T) {
	for _, tc := range testenv.MarkupCases {
		var got []testenv.Run
		for _, sp := range parseMarkup(tc.Text, faceRegular) {
			r := testenv.Run{Text: sp.text}
			switch sp.style {
			case faceBold:
				r.Strong = true
			case faceItalic:
				r.Em = true
			case faceBoldItalic:
				r.Strong, r.Em = true, true
			case faceMono:
				r.Code = true
			case faceMonoBold:
				r.Code, r.Strong = true, true
			}
			got = append(got, r)
		}
		// The PDF has no italic mono face: code in *em* prints upright.
		if fmt.Sprint(testenv.Merge(got)) != fmt.Sprint(uprightCode(tc.Runs)) {
			t.Errorf("parseMarkup(%q) = %v, want %v", tc.Text, got, tc.Runs)
		}
	}
}

func uprightCode(runs []testenv.Run) []testenv.Run {
	out := make([]testenv.Run, len(runs))
	for i, r := range runs {
		if r.Code {
			r.Em = false
		}
		out[i] = r
	}
	return testenv.Merge(out)
}

// htmlRuns reads back the runs of the HTML AnkiHTML writes: text in <b>,
// <i> and <code>, <br> for a line break.
func htmlRuns(s string) []testenv.Run {
	var runs []testenv.Run
	var cur testenv.Run
	for s != "" {
		if strings.HasPrefix(s, "<") {
			end := strings.IndexByte(s, '>')
			tag := s[1:end]
			s = s[end+1:]
			on := !strings.HasPrefix(tag, "/")
			switch strings.TrimPrefix(tag, "/") {
			case "b":
				cur.Strong = on
			case "i":
				cur.Em = on
			case "code":
				cur.Code = on
			case "br":
				runs = append(runs, testenv.Run{Text: "\n", Strong: cur.Strong, Em: cur.Em, Code: cur.Code})
			}
			continue
		}
		end := strings.IndexByte(s, '<')
		if end < 0 {
			end = len(s)
		}
		r := cur
		r.Text = html.UnescapeString(s[:end])
		runs = append(runs, r)
		s = s[end:]
	}
	return testenv.Merge(runs)
}
