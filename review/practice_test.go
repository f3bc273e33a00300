package review

import (
	"context"
	"strings"
	"testing"
	"time"

	"spaced/deck"
	"spaced/srs"
)

// A practice sitting goes through its cards once; its grades are logged as
// practice, change no card's state, count toward no limit, and undo takes
// them back.
func TestPracticeChangesNoSchedule(t *testing.T) {
	s := newStore(t)
	day := srs.StudyDay(testNow, 4)
	cards, err := s.Cards(deck.Filter{Section: "roadmap"}, false)
	if err != nil || len(cards) != 7 {
		t.Fatalf("%d roadmap cards, %v", len(cards), err)
	}
	r := New(Practice(s, cards), day, srs.DefaultLimits, deck.Filter{}, func() time.Time { return testNow })
	r.Practice = true
	var out strings.Builder
	if err := RunLines(context.Background(), r, strings.NewReader("1\n5\nu\n4\n3\n"), &out, func(string) {}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(out.String(), "\n.\n"); got != 6 {
		t.Errorf("%d cards shown, want 6 (the one undone twice, the next after the input)", got)
	}
	sum, _ := r.Summary()
	if !sum.Practice || sum.Reviewed != 3 || sum.PerGrade[1] != 1 || sum.PerGrade[4] != 1 || sum.PerGrade[3] != 1 {
		t.Errorf("summary = %+v, want 3 practice grades 1, 4, 3", sum)
	}
	var b strings.Builder
	sum.Write(&b)
	if !strings.HasPrefix(b.String(), "Practice: 3 cards graded, no schedule changed.\n") {
		t.Errorf("summary text:\n%s", b.String())
	}
	for _, c := range cards {
		it, _ := s.Item(c.Card.ID)
		if it.State != c.State {
			t.Errorf("%s: state %+v after practice, was %+v", c.Card.ID, it.State, c.State)
		}
	}
	if n, _ := s.PracticeCount(day); n != 3 {
		t.Errorf("%d practice grades logged, want 3 (the undone one taken back)", n)
	}
	q, err := s.Queue(day, srs.DefaultLimits, deck.Filter{})
	if err != nil || q.New != 19 {
		t.Errorf("today's queue after practice: %d new, %v; want all 19 (no limit used)", q.New, err)
	}
}
