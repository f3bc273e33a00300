package srs

import (
	"database/sql"

	"spaced/deck"
)

// ForecastDays is the number of days Stats forecasts, from the day after the
// study day.
const ForecastDays = 30

// HistoryDays is the number of study days Stats counts reviews of, ending
// on the study day: 26 weeks.
const HistoryDays = 26 * 7

// RetentionWeeks is the number of weeks Stats gives the retention of,
// ending on the study day.
const RetentionWeeks = 12

// WeekRetention is the retention of one week: of the SM-2 reviews of cards
// with 1 or more repetitions before the review, those graded 3 or more.
type WeekRetention struct{ Reviews, Passed int }

// Stats describes the cards that pass a filter on a study day.
//
// New, Learning, Young, Mature and Retired add up to all the cards: New never
// reviewed; Learning reviewed, with 0 repetitions; Young 1 or more
// repetitions and an interval under 21 days; Mature an interval of 21 days or
// more; Retired removed from their source. Leech counts the active leeches
// (it overlaps the others).
type Stats struct {
	New, Learning, Young, Mature, Retired, Leech int

	DueToday      int               // active cards due on or before the study day
	ReviewedToday int               // SM-2 reviews of the study day (not drills)
	Forecast      [ForecastDays]int // Forecast[i]: cards due i+1 days after the study day
	Retention     float64           // see HasRetention
	HasRetention  bool              // whether Retention is known
	StreakDays    int               // consecutive study days with an SM-2 review, ending on the study day (or the day before when none yet)
	// History[i]: SM-2 reviews of the study day HistoryDays-1-i days before
	// the study day (the last is the study day).
	History [HistoryDays]int
	// Weeks[i]: the retention of the 7 study days ending 7 × (RetentionWeeks-1-i)
	// days before the study day (the last week ends on the study day).
	Weeks [RetentionWeeks]WeekRetention
}

// Stats returns the statistics of the cards that pass f on study day day.
// Retention is the share of SM-2 reviews in the 30 study days ending on day,
// of cards with 1 or more repetitions before the review, graded 3 or more;
// HasRetention is false when there is no such review.
func (s *Store) Stats(day Day, f deck.Filter) (Stats, error) {
	var st Stats
	// Cards are counted in groups of equal state; without a filter SQLite
	// groups them, with one each card is a group of its own.
	var match map[string]bool // the cards that pass f; nil: all
	var rows *sql.Rows
	var err error
	if f.IsZero() {
		rows, err = s.db.Query(`SELECT '', '', '', '', c.retired, c.last_day IS NULL, c.repetitions = 0, c.interval >= 21,
			c.leech, c.due, count(*) FROM cards c GROUP BY 5, 6, 7, 8, 9, 10`)
	} else {
		match = make(map[string]bool)
		pre, args, perr := s.prefilter(f)
		if perr != nil {
			return st, perr
		}
		rows, err = s.db.Query(`SELECT c.id, d.name, c.section, c.tags, c.retired, c.last_day IS NULL, c.repetitions = 0,
			c.interval >= 21, c.leech, c.due, 1 FROM cards c JOIN decks d ON d.id = c.deck_id WHERE `+pre, args...)
	}
	if err != nil {
		return st, s.openError(err)
	}
	for rows.Next() {
		var id, deckName, section, tags string
		var retired, isNew, reps0, mature, leech bool
		var due sql.NullString
		var n int
		if err := rows.Scan(&id, &deckName, &section, &tags, &retired, &isNew, &reps0, &mature, &leech, &due, &n); err != nil {
			rows.Close()
			return st, s.classify(err)
		}
		if match != nil {
			if !f.Match(deckName, &deck.Card{Section: section, Tags: splitTags(tags)}) {
				continue
			}
			match[id] = true
		}
		switch {
		case retired:
			st.Retired += n
			continue
		case isNew:
			st.New += n
		case reps0:
			st.Learning += n
		case !mature:
			st.Young += n
		default:
			st.Mature += n
		}
		if leech {
			st.Leech += n
		}
		if isNew {
			continue
		}
		if d := scanDay(due); d <= day {
			st.DueToday += n
		} else if k := d.Sub(day); k <= ForecastDays {
			st.Forecast[k-1] += n
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return st, s.classify(err)
	}

	rows, err = s.db.Query(`SELECT l.card_id, l.day, l.quality, l.b_repetitions FROM log l
		WHERE l.kind = 'review' AND NOT EXISTS (SELECT 1 FROM log u WHERE u.undoes = l.id)`)
	if err != nil {
		return st, s.openError(err)
	}
	defer rows.Close()
	days := make(map[string]bool)
	parsed := make(map[string]Day) // the days of the log, read once each
	today, from := day.String(), day.Add(-29).String()
	var pass, total int
	for rows.Next() {
		var id, d string
		var q, reps int
		if err := rows.Scan(&id, &d, &q, &reps); err != nil {
			return st, s.classify(err)
		}
		if match != nil && !match[id] {
			continue
		}
		days[d] = true
		if d == today {
			st.ReviewedToday++
		}
		rd, ok := parsed[d]
		if !ok {
			rd, _ = ParseDay(d)
			parsed[d] = rd
		}
		if rd != 0 && rd <= day {
			ago := day.Sub(rd)
			if ago < HistoryDays {
				st.History[HistoryDays-1-ago]++
			}
			if w := ago / 7; w < RetentionWeeks && reps >= 1 {
				wr := &st.Weeks[RetentionWeeks-1-w]
				wr.Reviews++
				if q >= PassQuality {
					wr.Passed++
				}
			}
		}
		if d <= today && d >= from && reps >= 1 {
			total++
			if q >= PassQuality {
				pass++
			}
		}
	}
	if err := rows.Err(); err != nil {
		return st, s.classify(err)
	}
	if total > 0 {
		st.Retention, st.HasRetention = float64(pass)/float64(total), true
	}
	d := day
	if !days[d.String()] {
		d = d.Add(-1)
	}
	for days[d.String()] {
		st.StreakDays++
		d = d.Add(-1)
	}
	return st, nil
}
