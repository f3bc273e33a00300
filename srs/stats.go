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
	var match map[string]bool // the cards that pass f; nil: all
	if f.IsZero() {
		if err := s.countAll(day, &st); err != nil {
			return st, err
		}
		return st, s.countLog(day, nil, &st)
	}
	match = make(map[string]bool)
	pre, args, err := s.prefilter(f)
	if err != nil {
		return st, err
	}
	rows, err := s.db.Query(`SELECT c.id, d.name, c.section, c.tags, c.retired, c.last_day IS NULL, c.repetitions = 0,
		c.interval >= 21, c.leech, c.due, 1 FROM cards c JOIN decks d ON d.id = c.deck_id WHERE `+pre, args...)
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
		if !f.Match(deckName, &deck.Card{Section: section, Tags: splitTags(tags)}) {
			continue
		}
		match[id] = true
		if st.countState(retired, isNew, reps0, mature, leech, n); retired || isNew {
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
	return st, s.countLog(day, match, &st)
}

// DueCount returns the cards that pass f due on or before study day day,
// as Stats counts them in DueToday; without a filter, from the
// cards_queue index alone.
func (s *Store) DueCount(day Day, f deck.Filter) (int, error) {
	if !f.IsZero() {
		st, err := s.Stats(day, f)
		return st.DueToday, err
	}
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM cards WHERE retired = 0 AND due <= ?`, day.String()).Scan(&n); err != nil {
		return 0, s.openError(err)
	}
	return n, nil
}

// countState counts n cards of one state: retired, else new, learning
// (no repetitions), young or mature; and, of the active ones, leeches.
func (st *Stats) countState(retired, isNew, reps0, mature, leech bool, n int) {
	switch {
	case retired:
		st.Retired += n
		return
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
}

// countAll counts every card of the collection into st by state, and the
// due ones by day, each from an index alone: cards_state for the states,
// cards_queue for the due days (a card is new exactly when its due day is
// NULL).
func (s *Store) countAll(day Day, st *Stats) error {
	rows, err := s.db.Query(`SELECT retired, last_day IS NULL, repetitions = 0, interval >= 21, leech, count(*)
		FROM cards INDEXED BY cards_state GROUP BY 1, 2, 3, 4, 5`)
	if err != nil {
		return s.openError(err)
	}
	for rows.Next() {
		var retired, isNew, reps0, mature, leech bool
		var n int
		if err := rows.Scan(&retired, &isNew, &reps0, &mature, &leech, &n); err != nil {
			rows.Close()
			return s.classify(err)
		}
		st.countState(retired, isNew, reps0, mature, leech, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return s.classify(err)
	}
	if st.DueToday, err = s.DueCount(day, deck.Filter{}); err != nil {
		return err
	}
	rows, err = s.db.Query(`SELECT due, count(*) FROM cards WHERE retired = 0 AND due > ? AND due <= ? GROUP BY due`,
		day.String(), day.Add(ForecastDays).String())
	if err != nil {
		return s.classify(err)
	}
	defer rows.Close()
	for rows.Next() {
		var due sql.NullString
		var n int
		if err := rows.Scan(&due, &n); err != nil {
			return s.classify(err)
		}
		if k := scanDay(due).Sub(day); k >= 1 && k <= ForecastDays {
			st.Forecast[k-1] += n
		}
	}
	return s.classify(rows.Err())
}

// countLog counts the SM-2 reviews of the log into st: today's, the
// history, retention and the streak; match, when not nil, holds the cards
// to count.
func (s *Store) countLog(day Day, match map[string]bool, st *Stats) error {
	// Each row: a card (or, for every card, a day of the log), the day, the
	// reviews, those of a card with repetitions before, and those of them
	// passed.
	query := `SELECT l.card_id, l.day, 1, l.b_repetitions >= 1, l.b_repetitions >= 1 AND l.quality >= 3`
	if match == nil {
		query = `SELECT '', l.day, count(*), sum(l.b_repetitions >= 1), sum(l.b_repetitions >= 1 AND l.quality >= 3)`
	}
	query += ` FROM log l WHERE l.kind = 'review' AND l.id NOT IN (SELECT undoes FROM log WHERE undoes IS NOT NULL)`
	if match == nil {
		query += ` GROUP BY l.day`
	}
	rows, err := s.db.Query(query)
	if err != nil {
		return s.openError(err)
	}
	defer rows.Close()
	days := make(map[string]bool)
	parsed := make(map[string]Day) // the days of the log, read once each
	today, from := day.String(), day.Add(-29).String()
	var pass, total int
	for rows.Next() {
		var id, d string
		var n, asked, passed int
		if err := rows.Scan(&id, &d, &n, &asked, &passed); err != nil {
			return s.classify(err)
		}
		if match != nil && !match[id] {
			continue
		}
		days[d] = true
		if d == today {
			st.ReviewedToday += n
		}
		rd, ok := parsed[d]
		if !ok {
			rd, _ = ParseDay(d)
			parsed[d] = rd
		}
		if rd != 0 && rd <= day {
			ago := day.Sub(rd)
			if ago < HistoryDays {
				st.History[HistoryDays-1-ago] += n
			}
			if w := ago / 7; w < RetentionWeeks {
				wr := &st.Weeks[RetentionWeeks-1-w]
				wr.Reviews += asked
				wr.Passed += passed
			}
		}
		if d <= today && d >= from {
			total += asked
			pass += passed
		}
	}
	if err := rows.Err(); err != nil {
		return s.classify(err)
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
	return nil
}
