package srs

import (
	"fmt"
	"time"
)

// Day is a study day: a calendar date, counted in days from 0001-01-01 (Day 1)
// in the proleptic Gregorian calendar. The zero Day means "no day" (the due
// day of a new card, the last review day of a card never reviewed).
//
// Days are moved with calendar arithmetic (d.Add(n) is n calendar dates
// later), never with 24-hour durations, so daylight-saving changes never move
// a due date.
type Day int32

// unixDay1 is the Day of 1970-01-01.
const unixDay1 = 719163

// DayOf returns the calendar date y-m-d as a Day. Out-of-range months and days
// are normalized as time.Date does (2026-01-32 is 2026-02-01).
func DayOf(y int, m time.Month, d int) Day {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return Day(floorDiv(t.Unix(), 86400) + unixDay1)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// Date returns the calendar date of d.
func (d Day) Date() (y int, m time.Month, day int) {
	return time.Unix((int64(d)-unixDay1)*86400, 0).UTC().Date()
}

// Time returns the start of d, midnight UTC.
func (d Day) Time() time.Time {
	return time.Unix((int64(d)-unixDay1)*86400, 0).UTC()
}

// Add returns the day n calendar dates after d (before it when n < 0).
func (d Day) Add(n int) Day { return d + Day(n) }

// Sub returns the number of calendar dates from e to d.
func (d Day) Sub(e Day) int { return int(d - e) }

// IsZero reports whether d is the zero Day ("no day").
func (d Day) IsZero() bool { return d == 0 }

// String returns d as YYYY-MM-DD, or "" for the zero Day.
func (d Day) String() string {
	if d == 0 {
		return ""
	}
	y, m, day := d.Date()
	return fmt.Sprintf("%04d-%02d-%02d", y, int(m), day)
}

// ParseDay parses a date written YYYY-MM-DD (years 0001 to 9999). It returns
// an error for anything else, including dates that do not exist (2026-02-30).
func ParseDay(s string) (Day, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil || len(s) != 10 || t.Year() < 1 {
		return 0, fmt.Errorf("%q is not a date (want YYYY-MM-DD)", s)
	}
	return DayOf(t.Date()), nil
}

// The range of a study day given by hand (ParseStudyDay): a card's due
// date, at most 36,500 days later, must still be a four-digit year.
var (
	MinStudyDay = DayOf(1970, 1, 1)
	MaxStudyDay = DayOf(2899, 12, 31)
)

// ParseStudyDay parses a study day given by hand, YYYY-MM-DD from
// MinStudyDay to MaxStudyDay.
func ParseStudyDay(s string) (Day, error) {
	d, err := ParseDay(s)
	if err == nil && (d.Sub(MinStudyDay) < 0 || d.Sub(MaxStudyDay) > 0) {
		err = fmt.Errorf("%s is out of range (%s to %s)", s, MinStudyDay, MaxStudyDay)
	}
	return d, err
}

// StudyDay returns the study day that the instant now falls in, read on the
// wall clock of now's location: the calendar date, or the date before it when
// the local hour is before rollover (0–23; a new study day begins at rollover
// o'clock, 4 by default in spaced). Only the wall clock counts, so a
// daylight-saving change never shifts the boundary.
func StudyDay(now time.Time, rollover int) Day {
	y, m, d := now.Date()
	day := DayOf(y, m, d)
	if now.Hour() < rollover {
		day = day.Add(-1)
	}
	return day
}
