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

// Pictures beside a chapter are kept as ![alt](path), in Markdown and in
// HTML; pictures on the web are not; the markup reads them as image spans.
func TestImages(t *testing.T) {
	for path, src := range map[string]string{
		"n.md":   "# N\n\n**Q: What does a fan-out look like?**\n\nA: One topic, many queues.\n\n![fan-out diagram](img/fanout.png)\n\n![badge](https://example.com/b.png)\n",
		"n.html": `<h1>N</h1><p><b>Q: What does a fan-out look like?</b></p><p>A: One topic, many queues.</p><p><img src="img/fanout.png" alt="fan-out  diagram"><img src="https://example.com/b.png"></p>`,
	} {
		d, _, err := Compile(path, []byte(src), Options{})
		if err != nil || len(d.Cards) != 1 {
			t.Fatalf("%s: %v, %v", path, d, err)
		}
		if got, want := d.Cards[0].Back, "One topic, many queues.\n![fan-out diagram](img/fanout.png)"; got != want {
			t.Errorf("%s: back %q, want %q", path, got, want)
		}
		if got := Images(d.Cards[0].Back); len(got) != 1 || got[0] != "img/fanout.png" {
			t.Errorf("%s: Images = %q", path, got)
		}
		if got := ShowImages(d.Cards[0].Back); got != "One topic, many queues.\n[image: fan-out diagram]" {
			t.Errorf("%s: ShowImages = %q", path, got)
		}
	}
	spans := Spans("See ![a diagram](d.png) and **this**, not ![x](https://e.com/x.png) nor ![y](notes.txt).")
	if len(spans) != 5 || spans[1].Image != "d.png" || spans[1].Text != "a diagram" || spans[2].Text != " and " {
		t.Errorf("Spans = %+v", spans)
	}
}
