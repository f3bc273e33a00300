package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones of TestStudyDayAcrossDST, whatever the machine has

	"spaced/internal/testenv"
	"spaced/output"
	"spaced/srs"
)

// collShared returns the path of rel inside ../shared; see sharedFolder.
func collShared(t testing.TB, rel string) string {
	t.Helper()
	return filepath.Join(testenv.Shared(t), rel)
}

// collEnv returns an environment with a new collection at its SPACED_DB.
func collEnv(t testing.TB) map[string]string {
	t.Helper()
	return map[string]string{"SPACED_DB": filepath.Join(t.TempDir(), "collection.db"), "HOME": "/nonexistent"}
}

// dueList runs 'due --json' and returns its cards.
func dueList(t testing.TB, env map[string]string, args ...string) []output.JSONDue {
	t.Helper()
	r := spaced(t, env, append([]string{"due", "--json"}, args...)...)
	if r.code != 0 {
		t.Fatalf("due: exit %d: %s", r.code, r.stderr)
	}
	var out []output.JSONDue
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("due --json: %v\n%s", err, r.stdout)
	}
	return out
}

// jsonKeys returns the sorted keys of a JSON object.
func jsonKeys(t testing.TB, raw json.RawMessage) []string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("%v: %s", err, raw)
	}
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func TestBuiltinDeckAddedOnce(t *testing.T) {
	env := collEnv(t)
	r := spaced(t, env, "due", "--json")
	r.want(t, 0, "spaced: the collection was empty: added the built-in deck")
	if strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("due on an empty collection: stderr %q, want one line", r.stderr)
	}
	var raw []json.RawMessage
	if err := json.Unmarshal([]byte(r.stdout), &raw); err != nil || len(raw) == 0 {
		t.Fatalf("due --json = %q, %v", r.stdout, err)
	}
	if got, want := jsonKeys(t, raw[0]), []string{"deck", "due", "front", "id", "state"}; !reflect.DeepEqual(got, want) {
		t.Errorf("due --json keys = %v, want %v", got, want)
	}
	if !strings.Contains(string(raw[0]), `"due": null`) || !strings.Contains(string(raw[0]), `"state": "new"`) {
		t.Errorf("a new card in due --json: %s", raw[0])
	}
	st, err := os.Stat(env["SPACED_DB"])
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("collection file: %v, %v; want mode 0600", st, err)
	}
	for _, cmd := range []string{"due", "cards", "stats"} {
		if r := spaced(t, env, cmd); r.code != 0 || strings.Contains(r.stderr, "built-in") {
			t.Errorf("%s after the first: %d %q, want no second built-in deck", cmd, r.code, r.stderr)
		}
	}
	r = spaced(t, env, "decks")
	if r.code != 0 || strings.Count(r.stdout, "\n") != 2 {
		t.Errorf("decks = %d %q, want a header and one deck", r.code, r.stdout)
	}
}

func TestDefaultCollectionPath(t *testing.T) {
	home := t.TempDir()
	r := spaced(t, map[string]string{"HOME": home}, "stats")
	r.want(t, 0)
	p := filepath.Join(home, ".local", "share", "spaced", "collection.db")
	if st, err := os.Stat(p); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("%s: %v %v, want a file of mode 0600", p, st, err)
	}
	if st, err := os.Stat(filepath.Dir(p)); err != nil || st.Mode().Perm() != 0o700 {
		t.Errorf("%s: %v %v, want a folder of mode 0700", filepath.Dir(p), st, err)
	}
	xdg := t.TempDir()
	spaced(t, map[string]string{"HOME": home, "XDG_DATA_HOME": xdg}, "stats").want(t, 0)
	if _, err := os.Stat(filepath.Join(xdg, "spaced", "collection.db")); err != nil {
		t.Errorf("XDG_DATA_HOME: %v", err)
	}
	spaced(t, map[string]string{}, "stats").want(t, 1, "HOME is not set", "spaced: hint: ")
}

func TestAddSeedChapter(t *testing.T) {
	seed := collShared(t, "chapters/00-seed-serverless-ch20.txt")
	env := collEnv(t)
	r := spaced(t, env, "add", seed)
	r.want(t, 0)
	if !strings.HasPrefix(r.stdout, "Serverless Architecture::Chapter 20: ") || !strings.HasSuffix(r.stdout, " new, 0 updated, 0 unchanged, 0 retired\n") {
		t.Errorf("add = %q", r.stdout)
	}
	before, err := os.ReadFile(env["SPACED_DB"])
	if err != nil {
		t.Fatal(err)
	}
	r = spaced(t, env, "add", seed)
	if r.code != 0 || !strings.Contains(r.stdout, ": 0 new, 0 updated, ") || !strings.HasSuffix(r.stdout, " unchanged, 0 retired\n") {
		t.Errorf("second add = %d %q %q", r.code, r.stdout, r.stderr)
	}
	after, _ := os.ReadFile(env["SPACED_DB"])
	if !bytes.Equal(before, after) {
		t.Errorf("adding the same source twice changed the collection file")
	}

	// compile -o, edit the deck file: one card edited, one removed.
	dir := t.TempDir()
	deckFile := filepath.Join(dir, "ch20.deck.md")
	spaced(t, env, "compile", seed, "-o", deckFile).want(t, 0)
	due := dueList(t, env, "--today", "2026-01-05")
	first := due[0]
	spaced(t, env, "grade", first.ID, "4", "--today", "2026-01-05").want(t, 0)
	src, _ := os.ReadFile(deckFile)
	lines := strings.Split(string(src), "\n")
	edited, removed := false, ""
	for i, l := range lines {
		if !edited && l == first.Front {
			lines[i] = l + " (edited)"
			edited = true
		}
	}
	text := strings.Join(lines, "\n")
	second := due[1]
	// Remove the second card: its heading through the line before the next card.
	start := strings.Index(text, "{#"+second.ID+"}")
	start = strings.LastIndex(text[:start], "\n###") + 1
	end := strings.Index(text[start+4:], "\n###") + start + 5
	removed, text = text[start:end], text[:start]+text[end:]
	if !edited || removed == "" {
		t.Fatalf("could not edit the deck file")
	}
	if err := os.WriteFile(deckFile, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	r = spaced(t, env, "add", deckFile)
	if r.code != 0 || !strings.Contains(r.stdout, ": 0 new, 1 updated, ") || !strings.HasSuffix(r.stdout, " unchanged, 1 retired\n") {
		t.Errorf("add of the edited deck = %d %q %q", r.code, r.stdout, r.stderr)
	}
	var info output.JSONInfo
	r = spaced(t, env, "info", first.ID, "--json")
	if err := json.Unmarshal([]byte(r.stdout), &info); err != nil {
		t.Fatal(err, r.stderr)
	}
	if info.Front != first.Front+" (edited)" || len(info.Reviews) != 1 || info.State != "review" {
		t.Errorf("edited card = %+v, want new front, its review kept", info)
	}
	r = spaced(t, env, "info", second.ID, "--json")
	if !strings.Contains(r.stdout, `"state": "retired"`) {
		t.Errorf("removed card: %s %s", r.stdout, r.stderr)
	}
	for _, d := range dueList(t, env, "--today", "2026-01-05") {
		if d.ID == second.ID {
			t.Errorf("retired card %s in due", d.ID)
		}
	}
	// It comes back.
	r = spaced(t, env, "add", seed)
	if r.code != 0 || !strings.Contains(r.stdout, ": 0 new, 2 updated, ") {
		t.Errorf("add of the original again = %d %q %q", r.code, r.stdout, r.stderr)
	}
}

func TestInfoAndStatsJSON(t *testing.T) {
	env := collEnv(t)
	due := dueList(t, env, "--today", "2026-01-05")
	id, initial := due[0].ID, len(due)
	var raw json.RawMessage
	r := spaced(t, env, "info", id, "--json")
	if err := json.Unmarshal([]byte(r.stdout), &raw); err != nil {
		t.Fatal(err, r.stderr)
	}
	if got, want := jsonKeys(t, raw), []string{"back", "deck", "due", "ef", "front", "id", "interval", "lapses", "leech", "repetitions", "reviews", "state"}; !reflect.DeepEqual(got, want) {
		t.Errorf("info --json keys = %v, want %v", got, want)
	}
	for _, part := range []string{`"ef": 2.5,`, `"interval": 0,`, `"repetitions": 0,`, `"lapses": 0,`, `"due": null,`, `"reviews": []`, `"state": "new"`} {
		if !strings.Contains(r.stdout, part) {
			t.Errorf("info --json of a new card lacks %s:\n%s", part, r.stdout)
		}
	}
	spaced(t, env, "grade", id, "3", "--today", "2026-01-05").want(t, 0)
	spaced(t, env, "grade", id[:6], "1", "--today", "2026-01-05").want(t, 0)
	r = spaced(t, env, "info", id, "--json")
	var info struct {
		Reviews []json.RawMessage `json:"reviews"`
		EF      float64           `json:"ef"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &info); err != nil {
		t.Fatal(err)
	}
	if len(info.Reviews) != 2 || info.EF != 2.36 {
		t.Fatalf("info after two grades: %s", r.stdout)
	}
	if got, want := jsonKeys(t, info.Reviews[0]), []string{"at", "day", "due", "ef", "interval", "kind", "quality"}; !reflect.DeepEqual(got, want) {
		t.Errorf("reviews[] keys = %v, want %v", got, want)
	}
	wantRev := `"at": "2026-03-10T12:00:00Z",
      "day": "2026-01-05",
      "quality": 1,
      "kind": "drill",
      "ef": 2.36,
      "interval": 1,
      "due": "2026-01-06"`
	if !strings.Contains(r.stdout, wantRev) {
		t.Errorf("info --json: drill row missing:\n%s", r.stdout)
	}

	r = spaced(t, env, "stats", "--json", "--today", "2026-01-05")
	var sj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(r.stdout), &sj); err != nil {
		t.Fatal(err, r.stderr)
	}
	if got, want := jsonKeys(t, []byte(r.stdout)), []string{"cards", "due_today", "forecast", "retention_30d", "retention_by_week", "reviewed_today", "reviews_by_day", "streak_days"}; !reflect.DeepEqual(got, want) {
		t.Errorf("stats --json keys = %v, want %v", got, want)
	}
	if got, want := jsonKeys(t, sj["cards"]), []string{"learning", "leech", "mature", "new", "retired", "young"}; !reflect.DeepEqual(got, want) {
		t.Errorf("stats cards keys = %v, want %v", got, want)
	}
	var fc map[string]int
	json.Unmarshal(sj["forecast"], &fc)
	if len(fc) != 30 || fc["2026-01-06"] != 1 || fc["2026-02-04"] != 0 {
		t.Errorf("forecast = %v, want 30 days from 2026-01-06 with 1 card on the first", fc)
	}
	if string(sj["retention_30d"]) != "null" || string(sj["reviewed_today"]) != "1" || string(sj["streak_days"]) != "1" {
		t.Errorf("stats --json = %s", r.stdout)
	}
	// The drill shows in due, after the new cards.
	due = dueList(t, env, "--today", "2026-01-05")
	if last := due[len(due)-1]; last.ID != id || last.State != "drill" || last.Due == nil || *last.Due != "2026-01-06" {
		t.Errorf("last of due = %+v, want %s as drill", last, id)
	}
	if len(due) != initial {
		t.Errorf("due has %d cards, want %d new and 1 drill", len(due), initial-1)
	}
}

func TestGradeAndUndoMessages(t *testing.T) {
	env := collEnv(t)
	due := dueList(t, env, "--today", "2026-01-05")
	id := due[0].ID
	r := spaced(t, env, "grade", id, "4", "--today", "2026-01-05")
	if r.code != 0 || r.stdout != id+": graded 4; next review 2026-01-06 (in 1 day), E-Factor 2.50\n" {
		t.Errorf("grade = %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = spaced(t, env, "grade", id, "4", "--today", "2026-01-06")
	r.want(t, 0)
	r = spaced(t, env, "grade", id[:5], "4", "--today", "2026-01-07")
	if r.code != 1 || r.stderr != "spaced: grade "+id+": not due until 2026-01-12\n" {
		t.Errorf("grade before due = %d %q", r.code, r.stderr)
	}
	r = spaced(t, env, "grade", id, "4", "--today", "2026-01-05")
	r.want(t, 1, "spaced: grade "+id+": last reviewed on 2026-01-06")
	spaced(t, env, "undo", "--today", "2026-01-06").want(t, 0)
	r = spaced(t, env, "undo", "--today", "2026-01-06")
	if r.code != 1 || r.stderr != "spaced: nothing to undo today\n" {
		t.Errorf("undo with nothing left = %d %q", r.code, r.stderr)
	}
	spaced(t, env, "undo", "--today", "2026-01-05").want(t, 0)
	r = spaced(t, env, "info", id, "--json")
	if !strings.Contains(r.stdout, `"reviews": []`) || !strings.Contains(r.stdout, `"state": "new"`) {
		t.Errorf("info after undoing everything:\n%s", r.stdout)
	}
}

// TestSimulate60Days reviews the built-in deck for 60 study days through run
// and checks every day's queue, in order, against a model built from srs.Next
// and the queue rules, and every card's final state.
func TestSimulate60Days(t *testing.T) {
	t.Parallel()
	env := collEnv(t)
	var cards []output.JSONCard
	r := spaced(t, env, "cards", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &cards); err != nil || len(cards) < 10 {
		t.Fatalf("cards --json: %v, %d cards", err, len(cards))
	}
	order := make(map[string]int)
	model := make(map[string]srs.State)
	for i, c := range cards {
		order[c.ID] = i
		model[c.ID] = srs.NewState()
	}
	grade := func(id string, day srs.Day, n int) int {
		h := 0
		for _, b := range []byte(id) {
			h = h*31 + int(b)
		}
		return (h + int(day)*7 + n*3) % 6
	}
	day, _ := srs.ParseDay("2026-01-05")
	totalDue := 0
	for d := 0; d < 60; d, day = d+1, day.Add(1) {
		today := []string{"--today", day.String()}
		// The model's queue: reviews due, oldest first then deck order; new
		// cards in deck order up to 20.
		var reviews, news []string
		for id, s := range model {
			switch {
			case s.IsNew():
				news = append(news, id)
			case s.Due <= day:
				reviews = append(reviews, id)
			}
		}
		sort.Slice(reviews, func(i, j int) bool {
			a, b := model[reviews[i]], model[reviews[j]]
			if a.Due != b.Due {
				return a.Due < b.Due
			}
			return order[reviews[i]] < order[reviews[j]]
		})
		sort.Slice(news, func(i, j int) bool { return order[news[i]] < order[news[j]] })
		if len(news) > 20 {
			news = news[:20]
		}
		want := append(reviews, news...)
		got := dueList(t, env, today...)
		var gotIDs []string
		for _, c := range got {
			gotIDs = append(gotIDs, c.ID)
		}
		if !reflect.DeepEqual(gotIDs, want) && !(len(gotIDs) == 0 && len(want) == 0) {
			t.Fatalf("day %d (%s): due = %v, want %v", d, day, gotIDs, want)
		}
		totalDue += len(reviews)
		for _, id := range want {
			q := grade(id, day, 0)
			spaced(t, env, append([]string{"grade", id, string(rune('0' + q))}, today...)...).want(t, 0)
			model[id] = srs.Next(model[id], q, day)
		}
		// Drill until the queue is empty.
		for n := 1; ; n++ {
			drill := dueList(t, env, today...)
			if len(drill) == 0 {
				break
			}
			if n > 20 {
				t.Fatalf("day %d: drill never ends: %v", d, drill)
			}
			for _, c := range drill {
				if c.State != "drill" {
					t.Fatalf("day %d: after grading, %s is in due as %s", d, c.ID, c.State)
				}
				q := 3 + (grade(c.ID, day, n)+n)%3
				spaced(t, env, append([]string{"grade", c.ID, string(rune('0' + q))}, today...)...).want(t, 0)
			}
		}
	}
	if totalDue < 50 {
		t.Errorf("only %d reviews in 60 days: the simulation exercises too little", totalDue)
	}
	for id, want := range model {
		var info output.JSONInfo
		r := spaced(t, env, "info", id, "--json")
		if err := json.Unmarshal([]byte(r.stdout), &info); err != nil {
			t.Fatal(err)
		}
		if info.Repetitions != want.Repetitions || int(info.EF*100+0.5) != want.EF || info.Interval != want.Interval ||
			info.Lapses != want.Lapses || info.Leech != want.Leech || (info.Due == nil) != want.Due.IsZero() ||
			(info.Due != nil && *info.Due != want.Due.String()) {
			t.Errorf("card %s: info %+v, model %+v", id, info, want)
		}
	}
}

// TestStudyDayAcrossDST grades a card in the evening before a
// daylight-saving change, with the real clock (no --today) in several time
// zones, and checks it is due on the next study day from 04:00 local, and
// not before.
func TestStudyDayAcrossDST(t *testing.T) {
	for _, tc := range []struct {
		zone string
		y    int
		m    time.Month
		d    int
	}{
		{"America/New_York", 2026, 3, 7}, {"America/New_York", 2026, 10, 31},
		{"Europe/Berlin", 2026, 3, 28}, {"Europe/Berlin", 2026, 10, 24},
		{"Australia/Sydney", 2026, 4, 4}, {"Pacific/Chatham", 2026, 9, 26},
	} {
		loc, err := time.LoadLocation(tc.zone)
		if err != nil {
			t.Fatal(err)
		}
		env := collEnv(t)
		runAt := func(now time.Time, args ...string) result {
			var out, errb bytes.Buffer
			code := run(append([]string{"spaced"}, args...), strings.NewReader(""), &out, &errb,
				func(k string) string { return env[k] }, func() time.Time { return now })
			return result{out.String(), errb.String(), code}
		}
		evening := time.Date(tc.y, tc.m, tc.d, 22, 0, 0, 0, loc)
		r := runAt(evening, "due", "--json")
		var due []output.JSONDue
		if err := json.Unmarshal([]byte(r.stdout), &due); err != nil || len(due) == 0 {
			t.Fatalf("%s: due: %v %s", tc.zone, err, r.stderr)
		}
		id := due[0].ID
		r = runAt(evening, "grade", id, "5")
		next := time.Date(tc.y, tc.m, tc.d+1, 12, 0, 0, 0, time.UTC).Format("2006-01-02")
		if r.code != 0 || !strings.Contains(r.stdout, "next review "+next) {
			t.Errorf("%s: grade at %s: %q %q, want next review %s", tc.zone, evening, r.stdout, r.stderr, next)
		}
		for _, c := range []struct {
			h, m int
			due  bool
		}{{3, 59, false}, {4, 0, true}, {23, 0, true}} {
			now := time.Date(tc.y, tc.m, tc.d+1, c.h, c.m, 0, 0, loc)
			r := runAt(now, "due", "--json")
			got := strings.Contains(r.stdout, `"id": "`+id+`"`)
			if got != c.due {
				t.Errorf("%s: due at %s lists %s: %v, want %v", tc.zone, now, id, got, c.due)
			}
		}
		// With the rollover at 2, the card is due from 02:00 local on.
		now := time.Date(tc.y, tc.m, tc.d+1, 3, 30, 0, 0, loc)
		env["SPACED_ROLLOVER"] = "2"
		if r := runAt(now, "due", "--json"); !strings.Contains(r.stdout, id) {
			t.Errorf("%s: due at %s with rollover 2 does not list %s", tc.zone, now, id)
		}
	}
}

// TestLeech fails one card on 8 study days in a row: it becomes a leech,
// stays in the queue marked so, and stats counts it.
func TestLeech(t *testing.T) {
	env := collEnv(t)
	day, _ := srs.ParseDay("2026-01-05")
	id := dueList(t, env, "--today", day.String())[0].ID
	for i := range srs.LeechLapses {
		d := day.Add(i).String()
		r := spaced(t, env, "grade", id, "1", "--today", d)
		if r.code != 0 || strings.Contains(r.stdout, "leech") != (i == srs.LeechLapses-1) {
			t.Errorf("grade %d: %d %q %q", i+1, r.code, r.stdout, r.stderr)
		}
	}
	due := dueList(t, env, "--today", day.Add(srs.LeechLapses).String())
	found := false
	for _, c := range due {
		if c.ID == id {
			found = true
			if !c.Leech || c.State != "review" {
				t.Errorf("leech in due: %+v", c)
			}
		} else if c.Leech {
			t.Errorf("%s marked a leech", c.ID)
		}
	}
	if !found {
		t.Errorf("leech %s not in the queue", id)
	}
	r := spaced(t, env, "due", "--json", "--today", day.Add(srs.LeechLapses).String())
	if strings.Count(r.stdout, `"leech": true`) != 1 {
		t.Errorf("due --json: want one \"leech\": true\n%s", r.stdout)
	}
	r = spaced(t, env, "stats", "--json", "--today", day.Add(srs.LeechLapses).String())
	if !strings.Contains(r.stdout, `"leech": 1`) {
		t.Errorf("stats --json does not count the leech:\n%s", r.stdout)
	}
	// Adding the deck again never clears the flag.
	spaced(t, env, "add", builtinFile(t, t.TempDir())).want(t, 0)
	r = spaced(t, env, "info", id, "--json")
	if !strings.Contains(r.stdout, `"leech": true`) || !strings.Contains(r.stdout, `"lapses": 8`) {
		t.Errorf("info after add:\n%s", r.stdout)
	}
}

// Adding an unrelated chapter that gives an existing deck name retires that
// deck's cards, and says so.
func TestAddWarnsWhenADeckChangesSource(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"SPACED_DB": filepath.Join(dir, "c.db")}
	a := filepath.Join(dir, "a.txt")
	b := filepath.Join(dir, "b.txt")
	os.WriteFile(a, []byte("# Glossary\n\n  • Lambda: functions as a service\n  • SQS: queues\n"), 0o644)
	os.WriteFile(b, []byte("# Glossary\n\n  • Pod: a group of containers\n"), 0o644)
	spaced(t, env, "add", a).want(t, 0)
	r := spaced(t, env, "add", b)
	r.want(t, 0, "spaced: warning: "+b+": the deck \"Glossary\" came from "+a+" before; 2 of its cards were retired")
	if r := spaced(t, env, "add", a); strings.Contains(r.stderr, "warning") != true {
		t.Errorf("adding the first source back should warn that the second's card was retired: %q", r.stderr)
	}
}

func TestUndoDoesNotCreateACollection(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	spaced(t, map[string]string{"SPACED_DB": db}, "undo").want(t, 1, "nothing to undo today")
	if _, err := os.Stat(db); err == nil {
		t.Errorf("undo created %s", db)
	}
}

func TestFilterNamingNoDeckWarns(t *testing.T) {
	env := map[string]string{"SPACED_DB": filepath.Join(t.TempDir(), "c.db")}
	for _, cmd := range []string{"due", "cards", "stats"} {
		r := spaced(t, env, cmd, "--deck", "Kubernetes")
		r.want(t, 0, `spaced: warning: no deck "Kubernetes" in the collection (it has "Serverless Architecture::Chapter 20")`)
		if r := spaced(t, env, cmd, "--deck", "serverless architecture"); strings.Contains(r.stderr, "warning") {
			t.Errorf("%s --deck of a parent deck warned: %q", cmd, r.stderr)
		}
	}
}
