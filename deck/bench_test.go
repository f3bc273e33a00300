package deck

import (
	"fmt"
	"strings"
	"testing"
)

// seedShaped returns a chapter of about size bytes: the card sections of the
// built-in chapter repeated under new numbered headings, each copy's cards
// made its own (the finder drops exact duplicates).
func seedShaped(size int) []byte {
	_, src := Builtin()
	s := string(src)
	body := s[strings.Index(s, "3. The Serverless"):strings.Index(s, "8. Final Summary")]
	var b strings.Builder
	b.WriteString("Serverless Architecture\nCHAPTER 20 Intermediate\n\nBenchmark Chapter\n\n")
	for n := 0; b.Len() < size; n++ {
		// Renumber the headings so every copy is a section of its own.
		for _, line := range strings.SplitAfter(body, "\n") {
			if len(line) > 2 && line[0] >= '0' && line[0] <= '9' && line[1] == '.' {
				line = fmt.Sprintf("%d.%s", 10+n, strings.TrimSuffix(line[2:], "\n")) + fmt.Sprintf(" %d\n", n)
			}
			b.WriteString(strings.ReplaceAll(line, "Lambda", fmt.Sprintf("Lambda%d", n)))
		}
	}
	return []byte(b.String())
}

// BenchmarkCompile compiles a 1 MB chapter of seed-shaped sections; the
// target is at least 20 MB/s.
func BenchmarkCompile(b *testing.B) {
	src := seedShaped(1 << 20)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	var cards int
	for b.Loop() {
		d, _, err := Compile("bench.txt", src, Options{})
		if err != nil {
			b.Fatal(err)
		}
		cards = len(d.Cards)
	}
	b.ReportMetric(float64(cards), "cards")
}
