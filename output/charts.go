package output

import (
	"fmt"
	"io"
	"strings"

	"spaced/srs"
)

// bars draws values as vertical bars height rows tall, one column each,
// with eighth-blocks for the top of each bar; rows are returned top first.
func bars(values []int, height int) []string {
	peak := 0
	for _, v := range values {
		peak = max(peak, v)
	}
	rows := make([]string, height)
	for r := range height {
		var b strings.Builder
		for _, v := range values {
			// Eighths of a row the bar reaches above this row's bottom.
			fill := 0
			if peak > 0 {
				fill = v*height*8/peak - (height-1-r)*8
			}
			if v > 0 && r == height-1 && fill < 1 {
				fill = 1 // a bar for every value above zero
			}
			switch {
			case fill >= 8:
				b.WriteRune('█')
			case fill <= 0:
				b.WriteByte(' ')
			default:
				b.WriteRune([]rune("▁▂▃▄▅▆▇")[fill-1])
			}
		}
		rows[r] = b.String()
	}
	return rows
}

// shades are the cells of the review calendar, from no review to many:
// characters, and with colour the 256-colour greens behind them.
var (
	shades      = []string{"·", "░", "▒", "▓", "█"}
	shadeColour = []int{0, 22, 28, 34, 40}
)

// shade returns the cell for n reviews on a day when the busiest had peak.
func shade(n, peak int, colour bool) string {
	i := 0
	if n > 0 && peak > 0 {
		i = min(1+(n-1)*(len(shades)-1)/peak, len(shades)-1)
	}
	return shadeAt(i, colour)
}

// shadeAt returns the cell of shade i.
func shadeAt(i int, colour bool) string {
	if colour && i > 0 {
		return fmt.Sprintf("\x1b[38;5;%dm%s\x1b[0m", shadeColour[i], shades[i])
	}
	return shades[i]
}

// writeCharts draws the forecast, the calendar of reviews and the retention
// by week of st, study day day.
func writeCharts(w io.Writer, st srs.Stats, day srs.Day, colour bool) {
	// The forecast: a bar a day.
	f := st.Forecast[:]
	peak := 0
	for _, n := range f {
		peak = max(peak, n)
	}
	fmt.Fprintf(w, "\nDue in the next %d days (the tallest bar: %s)\n", len(f), Plural(peak, "card"))
	for _, r := range bars(f, 4) {
		fmt.Fprintf(w, "  │%s\n", r)
	}
	fmt.Fprintf(w, "  └%s\n", strings.Repeat("─", len(f)))
	fmt.Fprintf(w, "   %-*s%s\n", len(f)-5, day.Add(1).String()[5:], day.Add(len(f)).String()[5:])

	// The calendar: a column a week, Monday at the top, the study day last.
	end := day
	weeks := srs.HistoryDays / 7
	start := end.Add(-(srs.HistoryDays - 1))
	// Align the columns on weeks that start on Monday.
	offset := int(start.Time().Weekday()+6) % 7
	cells := make([]int, offset+srs.HistoryDays)
	for i := range cells {
		cells[i] = -1
	}
	busiest := 0
	for i, n := range st.History {
		cells[offset+i] = n
		busiest = max(busiest, n)
	}
	cols := (len(cells) + 6) / 7
	fmt.Fprintf(w, "\nReviews, last %d weeks (%s to %s; busiest day: %s)\n", weeks, start, end, Plural(busiest, "review"))
	for r, name := range []string{"Mon", "", "Wed", "", "Fri", "", "Sun"} {
		var b strings.Builder
		for c := range cols {
			i := c*7 + r
			switch {
			case i >= len(cells) || cells[i] < 0:
				b.WriteByte(' ')
			default:
				b.WriteString(shade(cells[i], busiest, colour))
			}
		}
		fmt.Fprintf(w, "  %-3s %s\n", name, b.String())
	}
	fmt.Fprintf(w, "      less %s more\n", strings.Join(shadesLegend(colour), ""))

	// Retention by week: a bar a week, as a share of 100%.
	fmt.Fprintf(w, "\nRetention by week (reviews of learnt cards graded 3 or more)\n")
	for i, wr := range st.Weeks {
		weekEnd := day.Add(-7 * (len(st.Weeks) - 1 - i))
		if wr.Reviews == 0 {
			fmt.Fprintf(w, "  %s  %-20s  -\n", weekEnd.String()[5:], "")
			continue
		}
		share := float64(wr.Passed) / float64(wr.Reviews)
		n := int(share*20 + 0.5)
		fmt.Fprintf(w, "  %s  %-20s  %3.0f%% of %d\n", weekEnd.String()[5:], strings.Repeat("█", n), share*100, wr.Reviews)
	}
}

// shadesLegend returns every shade, from none to the most.
func shadesLegend(colour bool) []string {
	out := make([]string, len(shades))
	for i := range shades {
		out[i] = shadeAt(i, colour)
	}
	return out
}
