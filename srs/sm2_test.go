package srs

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"spaced/internal/testenv"
)

type vectorFile struct {
	Sequences []struct {
		Name  string `json:"name"`
		Start string `json:"start"`
		Steps []struct {
			Grade       int    `json:"grade"`
			Reviewed    string `json:"reviewed"`
			Drill       bool   `json:"drill"`
			Interval    int    `json:"interval"`
			Repetitions int    `json:"repetitions"`
			EF          string `json:"ef"`
			Lapses      int    `json:"lapses"`
			Due         string `json:"due"`
		} `json:"steps"`
	} `json:"sequences"`
}

func loadVectors(t testing.TB) vectorFile {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testenv.Shared(t), "sm2", "vectors.json"))
	if err != nil {
		t.Fatal(err)
	}
	var v vectorFile
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Sequences) != 20 {
		t.Fatalf("vectors.json has %d sequences, want 20", len(v.Sequences))
	}
	return v
}

// hundredths parses "2.36" as 236.
func hundredths(t testing.TB, s string) int {
	t.Helper()
	i, f, ok := strings.Cut(s, ".")
	n, err1 := strconv.Atoi(i)
	m, err2 := strconv.Atoi(f)
	if !ok || len(f) != 2 || err1 != nil || err2 != nil {
		t.Fatalf("bad E-Factor %q", s)
	}
	return n*100 + m
}

func mustDay(t testing.TB, s string) Day {
	t.Helper()
	d, err := ParseDay(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestNextVectors reproduces every step of the SM-2 reference vectors.
func TestNextVectors(t *testing.T) {
	for _, seq := range loadVectors(t).Sequences {
		t.Run(seq.Name, func(t *testing.T) {
			s := NewState()
			for i, step := range seq.Steps {
				day := mustDay(t, step.Reviewed)
				if !step.Drill {
					s = Next(s, step.Grade, day)
				}
				got := [5]any{s.Interval, s.Repetitions, s.EF, s.Lapses, s.Due.String()}
				want := [5]any{step.Interval, step.Repetitions, hundredths(t, step.EF), step.Lapses, step.Due}
				if got != want {
					t.Fatalf("step %d: Next(…, %d, %s) = %v, want %v (interval, repetitions, EF, lapses, due)", i+1, step.Grade, step.Reviewed, got, want)
				}
			}
		})
	}
}

func TestNextLeechAndCaps(t *testing.T) {
	s := NewState()
	day := DayOf(2026, 1, 5)
	for i := 1; i <= LeechLapses; i++ {
		s = Next(s, 0, day)
		if got, want := s.Leech, i >= LeechLapses; got != want {
			t.Fatalf("after %d lapses Leech = %v, want %v", i, got, want)
		}
		day = s.Due
	}
	if s.EF != MinEF {
		t.Errorf("EF after %d failures = %d, want %d", LeechLapses, s.EF, MinEF)
	}
	s = State{Repetitions: 5, EF: 250, Interval: 30000}
	if got := Next(s, 5, day).Interval; got != MaxInterval {
		t.Errorf("Next interval from 30000 days = %d, want %d", got, MaxInterval)
	}
	s = Next(s, 4, day)
	if got := Next(s, 2, day); !got.Leech && s.Leech {
		t.Errorf("a review cleared the leech flag")
	}
}

func TestPreview(t *testing.T) {
	s := State{Repetitions: 2, EF: 250, Interval: 6}
	got := Preview(s)
	want := [6]int{1, 1, 1, 15, 15, 15}
	if got != want {
		t.Errorf("Preview(%+v) = %v, want %v", s, got, want)
	}
	if got, want := Preview(NewState()), [6]int{1, 1, 1, 1, 1, 1}; got != want {
		t.Errorf("Preview(new) = %v, want %v", got, want)
	}
}

func TestParseDay(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"2026-01-05", true}, {"2024-02-29", true}, {"2026-02-29", false}, {"2026-1-5", false},
		{"tomorrow", false}, {"", false}, {"2026-01-05T00:00:00Z", false}, {"0000-01-01", false},
	} {
		d, err := ParseDay(tc.in)
		if (err == nil) != tc.ok {
			t.Errorf("ParseDay(%q) error = %v, want ok %v", tc.in, err, tc.ok)
		}
		if tc.ok && d.String() != tc.in {
			t.Errorf("ParseDay(%q).String() = %q", tc.in, d.String())
		}
	}
	if got, want := mustDay(t, "2026-12-31").Add(1).String(), "2027-01-01"; got != want {
		t.Errorf("2026-12-31 + 1 = %s, want %s", got, want)
	}
	if got, want := mustDay(t, "2024-03-01").Sub(mustDay(t, "2024-02-28")), 2; got != want {
		t.Errorf("2024-03-01 − 2024-02-28 = %d, want %d", got, want)
	}
	if got, want := mustDay(t, "1969-12-31").Add(1).String(), "1970-01-01"; got != want {
		t.Errorf("1969-12-31 + 1 = %s, want %s", got, want)
	}
}
