package testenv

// Run is a piece of card text in one style, as a renderer draws it.
type Run struct {
	Text             string
	Strong, Em, Code bool
}

// MarkupCase is a card text and the runs every renderer must draw of it,
// adjacent runs differing in style.
type MarkupCase struct {
	Text string
	Runs []Run
}

// MarkupCases are awkward card texts: nested and overlapping markers,
// markers without partners, markers in code, escapes, line breaks.
var MarkupCases = []MarkupCase{
	{"plain", []Run{{Text: "plain"}}},
	{"***x***", []Run{{Text: "x", Strong: true, Em: true}}},
	{"*a **b* c**", []Run{{Text: "a ", Em: true}, {Text: "b", Strong: true, Em: true}, {Text: " c", Strong: true}}},
	{"**bold** and *em*", []Run{{Text: "bold", Strong: true}, {Text: " and "}, {Text: "em", Em: true}}},
	{"a * b * c", []Run{{Text: "a * b * c"}}},
	{"an *unclosed marker", []Run{{Text: "an *unclosed marker"}}},
	{"**unclosed strong", []Run{{Text: "**unclosed strong"}}},
	{"`a *b* c`", []Run{{Text: "a *b* c", Code: true}}},
	{"**`code` in bold**", []Run{{Text: "code", Strong: true, Code: true}, {Text: " in bold", Strong: true}}},
	{`an escaped \* star and \` + "`" + ` tick`, []Run{{Text: "an escaped * star and ` tick"}}},
	{"a lone ` tick", []Run{{Text: "a lone ` tick"}}},
	{"two\nlines *em\nacross*", []Run{{Text: "two\nlines "}, {Text: "em\nacross", Em: true}}},
	{"**", []Run{{Text: "**"}}},
	{"****", []Run{{Text: "****"}}},
	{"2 * 3 = 6", []Run{{Text: "2 * 3 = 6"}}},
	{"*a*b*", []Run{{Text: "a", Em: true}, {Text: "b*"}}},
}

// Merge joins adjacent runs of one style, as the cases are written.
func Merge(runs []Run) []Run {
	var out []Run
	for _, r := range runs {
		if r.Text == "" {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Strong == r.Strong && out[n-1].Em == r.Em && out[n-1].Code == r.Code {
			out[n-1].Text += r.Text
			continue
		}
		out = append(out, r)
	}
	return out
}
