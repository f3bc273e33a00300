package anki_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"spaced/anki"
)

// FuzzMarkup reads any field as Anki's HTML: no panic, valid UTF-8 out of
// valid UTF-8 in, and no more markers than it can close.
func FuzzMarkup(f *testing.F) {
	for _, s := range []string{"<b>a</b>", "<i><b>x</i></b>", "a<br>b<div>c</div>", `<img src="x.png" alt="[y]">`,
		"&lt;&amp;&nbsp;", "<script>x</script>y", "<b>" + strings.Repeat("<i>", 300), "{{c1::a}} [sound:b]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, field string) {
		got := anki.Markup(field, func(name string) string { return "m/" + name })
		if utf8.ValidString(field) && !utf8.ValidString(got) {
			t.Fatalf("Markup(%q) = %q: not UTF-8", field, got)
		}
		if len(got) > 4*len(field)+64 {
			t.Fatalf("Markup(%q) grew to %d bytes", field, len(got))
		}
	})
}

// FuzzReadText reads any file as a text file of notes: an error or decks,
// never a panic, and every card of a deck has a front.
func FuzzReadText(f *testing.F) {
	for _, s := range []string{"front,back\n", "#separator:Tab\n#html:true\na\tb\n", "Front,Back,Tags\nq,\"a,b\",t u\n",
		"#notetype:Cloze\n{{c1::x}} y,\n", "#deck column:3\na,b\n", "\"unterminated,b\nc,d\n", "q|a\nr|b\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		decks, _, err := anki.ReadText("f.csv", []byte(src), anki.TextOptions{})
		if err != nil {
			return
		}
		for _, d := range decks {
			for _, c := range d.Cards {
				if strings.TrimSpace(c.Card.Front) == "" || c.Card.ID == "" {
					t.Fatalf("card %+v of %q: empty front or no ID", c.Card, src)
				}
			}
		}
	})
}
