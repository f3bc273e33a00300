package output

import (
	"fmt"
	"io"

	"spaced/srs"
)

// JSONStats is the object of 'stats --json'.
type JSONStats struct {
	Cards struct {
		New      int `json:"new"`
		Learning int `json:"learning"`
		Young    int `json:"young"`
		Mature   int `json:"mature"`
		Retired  int `json:"retired"`
		Leech    int `json:"leech"`
	} `json:"cards"`
	DueToday      int            `json:"due_today"`
	ReviewedToday int            `json:"reviewed_today"`
	Forecast      map[string]int `json:"forecast"`
	Retention30d  *float64       `json:"retention_30d"`
	StreakDays    int            `json:"streak_days"`
}

// StatsJSON writes the statistics st of study day day as the JSON object
// of 'stats --json'.
func StatsJSON(w io.Writer, st srs.Stats, day srs.Day) error {
	var out JSONStats
	out.Cards.New, out.Cards.Learning, out.Cards.Young = st.New, st.Learning, st.Young
	out.Cards.Mature, out.Cards.Retired, out.Cards.Leech = st.Mature, st.Retired, st.Leech
	out.DueToday, out.ReviewedToday, out.StreakDays = st.DueToday, st.ReviewedToday, st.StreakDays
	out.Forecast = make(map[string]int, len(st.Forecast))
	for i, n := range st.Forecast {
		out.Forecast[day.Add(i+1).String()] = n
	}
	if st.HasRetention {
		r := st.Retention
		out.Retention30d = &r
	}
	return JSON(w, out)
}

// Stats writes the statistics st of study day day as the text of 'stats'.
func Stats(w io.Writer, st srs.Stats, day srs.Day) {
	total := st.New + st.Learning + st.Young + st.Mature
	fmt.Fprintf(w, "cards:          %d (%d new, %d learning, %d young, %d mature); %d retired, %d leeches\n",
		total, st.New, st.Learning, st.Young, st.Mature, st.Retired, st.Leech)
	fmt.Fprintf(w, "due today:      %d\n", st.DueToday)
	fmt.Fprintf(w, "reviewed today: %d\n", st.ReviewedToday)
	if st.HasRetention {
		fmt.Fprintf(w, "retention:      %.0f%% (last 30 days)\n", st.Retention*100)
	} else {
		fmt.Fprintf(w, "retention:      - (no reviews of learnt cards in the last 30 days)\n")
	}
	fmt.Fprintf(w, "streak:         %s\n", Plural(st.StreakDays, "day"))
	fmt.Fprintf(w, "next 7 days:   ")
	for i, n := range st.Forecast[:7] {
		fmt.Fprintf(w, " %s %d", day.Add(i + 1).String()[5:], n)
	}
	fmt.Fprintln(w)
}
