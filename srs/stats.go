package srs

import (
	"spaced/deck"
)

// ForecastDays is the number of days Stats forecasts, from the day after the
// study day.
const ForecastDays = 30

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
}

// Stats returns the statistics of the cards that pass f on study day day.
// Retention is the share of SM-2 reviews in the 30 study days ending on day,
// of cards with 1 or more repetitions before the review, graded 3 or more;
// HasRetention is false when there is no such review.
func (s *Store) Stats(day Day, f deck.Filter) (Stats, error) {
	var st Stats
	items, err := s.Cards(f, true)
	if err != nil {
		return st, err
	}
	match := make(map[string]bool, len(items))
	for _, it := range items {
		match[it.Card.ID] = true
		c := it.State
		switch {
		case it.Retired:
			st.Retired++
			continue
		case c.IsNew():
			st.New++
		case c.Repetitions == 0:
			st.Learning++
		case c.Interval < 21:
			st.Young++
		default:
			st.Mature++
		}
		if c.Leech {
			st.Leech++
		}
		if c.IsNew() {
			continue
		}
		if c.Due <= day {
			st.DueToday++
		} else if n := c.Due.Sub(day); n <= ForecastDays {
			st.Forecast[n-1]++
		}
	}
	rs, err := s.reviews(`l.kind = 'review'`)
	if err != nil {
		return st, err
	}
	days := make(map[Day]bool)
	var pass, total int
	for _, r := range rs {
		if !match[r.CardID] {
			continue
		}
		days[r.Day] = true
		if r.Day == day {
			st.ReviewedToday++
		}
		if r.Day <= day && r.Day > day.Add(-30) && r.Before.Repetitions >= 1 {
			total++
			if r.Quality >= PassQuality {
				pass++
			}
		}
	}
	if total > 0 {
		st.Retention, st.HasRetention = float64(pass)/float64(total), true
	}
	d := day
	if !days[d] {
		d = d.Add(-1)
	}
	for days[d] {
		st.StreakDays++
		d = d.Add(-1)
	}
	return st, nil
}
