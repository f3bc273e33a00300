// Package srs schedules reviews with the SM-2 algorithm and keeps the
// collection: an SQLite file holding decks, cards, each card's review state
// and an append-only review log.
//
// SM-2 is implemented as pure functions over a State (Next, Preview), after
// P. A. Woźniak (1990), "Optimization of learning", the SM-2 description,
// with two departures: an interval is rounded half up, and the E-Factor is
// updated on every grade, failed ones included, as SuperMemo's published
// Delphi code does. Study days (Day, StudyDay) are calendar dates.
//
// The Store (Open) syncs decks into the collection, builds the day's queue,
// records grades and undoes them. The package never prints, exits, or reads
// the clock or the environment: callers pass the study day and the instant.
package srs

// SM-2 constants. E-Factors are integers in hundredths (250 is 2.50);
// intervals are days.
const (
	InitialEF    = 250   // E-Factor of a new card
	MinEF        = 130   // lowest E-Factor
	MaxInterval  = 36500 // longest interval, in days
	LeechLapses  = 8     // lapses at which a card is flagged a leech
	PassQuality  = 3     // lowest quality that is not a lapse
	DrillQuality = 4     // lowest quality that ends a card's drill for the day
	MaxQuality   = 5     // highest quality
)

// State is a card's review state.
//
// Repetitions counts consecutive passing reviews (quality 3 or more), EF is
// the E-Factor in hundredths, Interval the last interval in days, Lapses the
// reviews graded below 3. Due is the study day the card is next due (zero for
// a new card); Last is the study day of its last SM-2 review (zero for a card
// never reviewed). Leech is set when Lapses reaches LeechLapses and is never
// cleared by a review. The zero State is not valid; a new card has NewState.
type State struct {
	Repetitions int
	EF          int
	Interval    int
	Lapses      int
	Due         Day
	Last        Day
	Leech       bool
}

// NewState returns the state of a card never reviewed: EF 2.50, every count 0,
// no due day.
func NewState() State { return State{EF: InitialEF} }

// IsNew reports whether s is the state of a card never reviewed.
func (s State) IsNew() bool { return s.Last.IsZero() }

// Next returns the state after an SM-2 review of quality q (0–5) on study day
// day:
//
//   - q ≥ 3: interval 1 day when Repetitions is 0, 6 days when it is 1, else
//     (Interval × EF + 50) / 100 in integers with the EF from before the
//     review; Repetitions + 1;
//   - q < 3: Repetitions 0, interval 1 day, Lapses + 1 (Leech from LeechLapses);
//   - always: EF = max(130, EF + 10 − (5−q)(8 + 2(5−q))) hundredths.
//
// The interval is capped at MaxInterval; Due is day + interval calendar days
// and Last is day, so a late review does not lengthen the interval. Next
// panics when q is outside 0–5: callers check the grade first (ValidQuality).
// Source: Woźniak (1990), SM-2, with the departures in the package comment.
func Next(s State, q int, day Day) State {
	if !ValidQuality(q) {
		panic("srs.Next: quality outside 0-5")
	}
	if q >= PassQuality {
		switch s.Repetitions {
		case 0:
			s.Interval = 1
		case 1:
			s.Interval = 6
		default:
			s.Interval = (s.Interval*s.EF + 50) / 100
		}
		s.Repetitions++
	} else {
		s.Repetitions = 0
		s.Interval = 1
		s.Lapses++
		if s.Lapses >= LeechLapses {
			s.Leech = true
		}
	}
	d := 5 - q
	s.EF = max(MinEF, s.EF+10-d*(8+2*d))
	s.Interval = min(max(s.Interval, 1), MaxInterval)
	s.Due = day.Add(s.Interval)
	s.Last = day
	return s
}

// ValidQuality reports whether q is a quality SM-2 accepts (0–5).
func ValidQuality(q int) bool { return q >= 0 && q <= MaxQuality }

// Preview returns, for each quality 0–5, the interval in days that an SM-2
// review of a card in state s would give. It is what a review screen shows
// beside the grades.
func Preview(s State) [MaxQuality + 1]int {
	var iv [MaxQuality + 1]int
	for q := range iv {
		iv[q] = Next(s, q, 0).Interval
	}
	return iv
}
