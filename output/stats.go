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
	// The series behind the charts of 'stats'.
	ReviewsByDay    map[string]int `json:"reviews_by_day"`
	RetentionByWeek []JSONWeek     `json:"retention_by_week"`
}

// JSONWeek is the retention of one week in 'stats --json'.
type JSONWeek struct {
	WeekEnding string   `json:"week_ending"`
	Reviews    int      `json:"reviews"`
	Retention  *float64 `json:"retention"`
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
	out.ReviewsByDay = make(map[string]int, len(st.History))
	for i, n := range st.History {
		out.ReviewsByDay[day.Add(i-(len(st.History)-1)).String()] = n
	}
	out.RetentionByWeek = make([]JSONWeek, len(st.Weeks))
	for i, wr := range st.Weeks {
		out.RetentionByWeek[i] = JSONWeek{WeekEnding: day.Add(-7 * (len(st.Weeks) - 1 - i)).String(), Reviews: wr.Reviews}
		if wr.Reviews > 0 {
			r := float64(wr.Passed) / float64(wr.Reviews)
			out.RetentionByWeek[i].Retention = &r
		}
	}
	return JSON(w, out)
}

// Stats writes the statistics st of study day day as the text of 'stats':
// the counts, then the charts, in colour when colour is set.
func Stats(w io.Writer, st srs.Stats, day srs.Day, colour bool) {
	total := st.New + st.Learning + st.Young + st.Mature
	leeches := "leeches"
	if st.Leech == 1 {
		leeches = "leech"
	}
	fmt.Fprintf(w, "cards:          %d (%d new, %d learning, %d young, %d mature); %d retired, %d %s\n",
		total, st.New, st.Learning, st.Young, st.Mature, st.Retired, st.Leech, leeches)
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
	writeCharts(w, st, day, colour)
}
