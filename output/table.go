package output

import (
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// table is rows of text under a header, written in columns two spaces
// apart.
type table struct {
	header []string
	rows   [][]string
	// flex lists the columns that give up room when the table is wider
	// than the terminal, the first the most: each keeps at least min
	// columns.
	flex []int
	min  int
}

// write writes t; with width > 0 (a terminal's), the flexible columns are
// cut with "…" so that no row is wider.
func (t *table) write(w io.Writer, width int) error {
	cols := len(t.header)
	widths := make([]int, cols)
	for _, r := range append([][]string{t.header}, t.rows...) {
		for i, c := range r {
			widths[i] = max(widths[i], ansi.StringWidth(c))
		}
	}
	if width > 0 {
		total := 2 * (cols - 1)
		for _, n := range widths {
			total += n
		}
		for _, i := range t.flex {
			if over := total - width; over > 0 {
				cut := min(over, widths[i]-min(widths[i], t.min))
				widths[i] -= cut
				total -= cut
			}
		}
	}
	var b strings.Builder
	for _, r := range append([][]string{t.header}, t.rows...) {
		for i, c := range r {
			if ansi.StringWidth(c) > widths[i] {
				c = ansi.Truncate(c, widths[i], "…")
			}
			b.WriteString(c)
			if i < cols-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-ansi.StringWidth(c)+2))
			}
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}
