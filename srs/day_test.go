package srs

import (
	"testing"
	"time"
	_ "time/tzdata" // the zones below, whatever the machine has
)

// TestStudyDayDST checks the study day and the due date of a card graded on
// either side of a daylight-saving change, in several time zones.
func TestStudyDayDST(t *testing.T) {
	for _, tc := range []struct {
		zone string
		// a daylight-saving change happens during the night from day0 to day0+1
		day0 string
	}{
		{"Europe/Berlin", "2026-03-28"},       // spring forward, 02:00 → 03:00
		{"Europe/Berlin", "2026-10-24"},       // fall back, 03:00 → 02:00
		{"America/New_York", "2026-03-07"},    // spring forward
		{"America/New_York", "2026-10-31"},    // fall back
		{"Australia/Lord_Howe", "2026-04-04"}, // half-hour change
		{"Pacific/Auckland", "2026-09-26"},    // southern spring
		{"Asia/Tokyo", "2026-03-28"},          // no change at all
		{"UTC", "2026-03-28"},
	} {
		loc, err := time.LoadLocation(tc.zone)
		if err != nil {
			t.Fatal(err)
		}
		d0 := mustDay(t, tc.day0)
		y, m, d := d0.Date()
		for _, c := range []struct {
			h, min   int
			rollover int
			want     Day
		}{
			{23, 30, 4, d0},
			{1, 30 + 24*60, 4, d0},    // 01:30 the next morning: still d0
			{3, 59 + 24*60, 4, d0},    // 03:59 the next morning: still d0
			{4, 0 + 24*60, 4, d0 + 1}, // 04:00: the new day
			{4, 30 + 24*60, 4, d0 + 1},
			{12, 0 + 24*60, 4, d0 + 1},
			{0, 10 + 24*60, 0, d0 + 1}, // rollover at midnight
			{23, 59, 0, d0},
		} {
			now := time.Date(y, m, d, c.h, c.min, 0, 0, loc)
			if got := StudyDay(now, c.rollover); got != c.want {
				t.Errorf("%s: StudyDay(%s, %d) = %s, want %s", tc.zone, now.Format(time.RFC3339), c.rollover, got, c.want)
			}
		}
		// A card first graded on the evening before the change is due the
		// next day, and 6 days after that, whatever the hours in between.
		graded := StudyDay(time.Date(y, m, d, 21, 0, 0, 0, loc), 4)
		s := Next(NewState(), 4, graded)
		if got, want := s.Due, d0.Add(1); got != want {
			t.Errorf("%s: due after first review = %s, want %s", tc.zone, got, want)
		}
		// Graded at 04:30 local after the change: that instant is less than
		// 24 h after 04:30 the day before when clocks sprang forward.
		next := time.Date(y, m, d+1, 4, 30, 0, 0, loc)
		if got := StudyDay(next, 4); got != s.Due {
			t.Errorf("%s: StudyDay(%s) = %s, want %s", tc.zone, next.Format(time.RFC3339), got, s.Due)
		}
		s = Next(s, 4, StudyDay(next, 4))
		if got, want := s.Due.String(), d0.Add(7).String(); got != want {
			t.Errorf("%s: due after second review = %s, want %s", tc.zone, got, want)
		}
	}
}

func TestParseStudyDay(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"1970-01-01", true}, {"2899-12-31", true}, {"2026-12-01", true},
		{"1969-12-31", false}, {"2900-01-01", false}, {"1900-01-01", false},
		{"2026-02-30", false}, {"26-12-01", false}, {"", false},
	} {
		d, err := ParseStudyDay(tc.in)
		if (err == nil) != tc.ok {
			t.Errorf("ParseStudyDay(%q) = %v, %v; want ok %v", tc.in, d, err, tc.ok)
		}
		if tc.ok && d.String() != tc.in {
			t.Errorf("ParseStudyDay(%q) = %s", tc.in, d)
		}
	}
}
