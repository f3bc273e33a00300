package srs

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"spaced/deck"
	"spaced/internal/testhook"
)

// The crash tests run this test binary again as a child process that grades
// cards and prints "graded ID" after each grade the store acknowledged; the
// parent kills it at a chosen point and checks what the collection holds.

const crashEnv = "SPACED_TEST_CRASH_CHILD"

// TestCrashChild is the child process; it does nothing in a normal run.
func TestCrashChild(t *testing.T) {
	if os.Getenv(crashEnv) == "" {
		t.Skip("the child process of the crash tests")
	}
	s, err := Open(os.Getenv("SPACED_TEST_DB"), Write)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	killAt, _ := strconv.Atoi(os.Getenv("SPACED_TEST_KILL_IN_TX"))
	op := os.Getenv("SPACED_TEST_KILL_OP")
	n := 0
	testhook.BeforeCommit = func(o string) {
		if o != op {
			return
		}
		if n++; n == killAt {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {}
		}
	}
	if op == "sync" {
		mustSync(t, s, testDeck("xyz", 50))
		fmt.Println("synced")
	}
	day := DayOf(2026, 1, 5)
	w := bufio.NewWriter(os.Stdout)
	for _, id := range strings.Fields(os.Getenv("SPACED_TEST_IDS")) {
		if _, err := s.Grade(id, 4, day, at); err != nil {
			fmt.Fprintln(w, "error", err)
			w.Flush()
			os.Exit(3)
		}
		fmt.Fprintln(w, "graded", id)
		w.Flush()
	}
	select {} // wait to be killed
}

// crashChild starts the child process on the collection at db, grading ids.
func crashChild(t *testing.T, db string, ids []string, env ...string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnv+"=1", "SPACED_TEST_DB="+db, "SPACED_TEST_IDS="+strings.Join(ids, " "))
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, bufio.NewScanner(out)
}

// crashFixture makes a collection of 200 new cards and returns its path and
// the card IDs.
func crashFixture(t *testing.T) (string, []string) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "collection.db")
	if err := Create(p, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(p, Write)
	if err != nil {
		t.Fatal(err)
	}
	d := testDeck("abc", 200)
	mustSync(t, s, d)
	s.Close()
	var ids []string
	for _, c := range d.Cards {
		ids = append(ids, c.ID)
	}
	return p, ids
}

// checkAfterCrash checks the collection at p after a crash: integrity_check
// is ok, every acknowledged grade is stored, the log and the card states
// agree (replay), and it returns the cards graded.
func checkAfterCrash(t *testing.T, p string, acked []string) map[string]bool {
	t.Helper()
	s, err := Open(p, Write)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if r, err := s.IntegrityCheck(); err != nil || r != "ok" {
		t.Fatalf("integrity_check = %q, %v", r, err)
	}
	rs, err := s.reviews(`1`)
	if err != nil {
		t.Fatal(err)
	}
	logged := make(map[string]bool)
	for _, r := range rs {
		if logged[r.CardID] {
			t.Errorf("card %s logged twice", r.CardID)
		}
		logged[r.CardID] = true
		if want := Next(NewState(), 4, r.Day); r.After != want {
			t.Errorf("log row %d: after %+v, want %+v", r.ID, r.After, want)
		}
	}
	for _, id := range acked {
		if !logged[id] {
			t.Errorf("acknowledged grade of %s lost", id)
		}
	}
	items, err := s.Cards(deck.Filter{}, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.State.IsNew() == logged[it.Card.ID] {
			t.Errorf("card %s: state %+v but logged %v: half stored", it.Card.ID, it.State, logged[it.Card.ID])
		}
	}
	return logged
}

// TestCrashAfterGrades kills the child after it acknowledged N grades, while
// it goes on grading.
func TestCrashAfterGrades(t *testing.T) {
	for _, n := range []int{1, 7, 40} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			p, ids := crashFixture(t)
			cmd, sc := crashChild(t, p, ids)
			var acked []string
			for len(acked) < n && sc.Scan() {
				f := strings.Fields(sc.Text())
				if len(f) == 2 && f[0] == "graded" {
					acked = append(acked, f[1])
				}
			}
			cmd.Process.Signal(syscall.SIGKILL)
			for sc.Scan() { // lines already written count as acknowledged too
				if f := strings.Fields(sc.Text()); len(f) == 2 && f[0] == "graded" {
					acked = append(acked, f[1])
				}
			}
			cmd.Wait()
			if len(acked) < n {
				t.Fatalf("child acknowledged %d grades, want %d", len(acked), n)
			}
			logged := checkAfterCrash(t, p, acked)
			if len(logged) > len(acked)+1 {
				t.Errorf("%d grades stored, %d acknowledged: more than the one in flight", len(logged), len(acked))
			}
		})
	}
}

// TestCrashInTransaction kills the child inside the transaction of its Nth
// grade, after the writes and before the commit.
func TestCrashInTransaction(t *testing.T) {
	for _, n := range []int{1, 2, 25} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			p, ids := crashFixture(t)
			cmd, sc := crashChild(t, p, ids, "SPACED_TEST_KILL_IN_TX="+strconv.Itoa(n), "SPACED_TEST_KILL_OP=grade")
			var acked []string
			for sc.Scan() {
				if f := strings.Fields(sc.Text()); len(f) == 2 && f[0] == "graded" {
					acked = append(acked, f[1])
				}
			}
			err := cmd.Wait()
			if ee, ok := err.(*exec.ExitError); !ok || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("child ended with %v, want killed", err)
			}
			if len(acked) != n-1 {
				t.Fatalf("child acknowledged %d grades, want %d", len(acked), n-1)
			}
			logged := checkAfterCrash(t, p, acked)
			if len(logged) != n-1 || logged[ids[n-1]] {
				t.Errorf("%d grades stored, want %d; the grade killed in its transaction must not be", len(logged), n-1)
			}
		})
	}
}

// TestCrashInSync kills the child inside the transaction that adds a deck:
// the deck is not there at all afterwards.
func TestCrashInSync(t *testing.T) {
	p, _ := crashFixture(t)
	cmd, sc := crashChild(t, p, nil, "SPACED_TEST_KILL_IN_TX=1", "SPACED_TEST_KILL_OP=sync")
	for sc.Scan() {
		if sc.Text() == "synced" {
			t.Errorf("child acknowledged the sync")
		}
	}
	err := cmd.Wait()
	if ee, ok := err.(*exec.ExitError); !ok || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("child ended with %v, want killed", err)
	}
	s, err := Open(p, Write)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if r, err := s.IntegrityCheck(); r != "ok" {
		t.Fatalf("integrity_check = %q, %v", r, err)
	}
	ds, err := s.Decks(0)
	if err != nil || len(ds) != 1 || ds[0].Cards != 200 {
		t.Errorf("decks after a killed sync = %+v, %v; want only the first deck", ds, err)
	}
}

// TestTwoProcessesGrade runs two processes that each grade 50 different
// cards of one collection as fast as they can, at the same time: every grade
// succeeds, none fails with "database is locked".
func TestTwoProcessesGrade(t *testing.T) {
	p, ids := crashFixture(t)
	type child struct {
		cmd *exec.Cmd
		sc  *bufio.Scanner
	}
	var cs [2]child
	for i := range cs {
		cs[i].cmd, cs[i].sc = crashChild(t, p, ids[i*50:i*50+50])
	}
	done := make(chan []string, 2)
	for _, c := range cs {
		go func() {
			var lines []string
			for len(lines) < 50 && c.sc.Scan() {
				lines = append(lines, c.sc.Text())
			}
			c.cmd.Process.Kill()
			c.cmd.Wait()
			done <- lines
		}()
	}
	graded := 0
	for range cs {
		for _, l := range <-done {
			if !strings.HasPrefix(l, "graded ") {
				t.Errorf("child: %s", l)
				continue
			}
			graded++
		}
	}
	if graded != 100 {
		t.Errorf("%d grades acknowledged, want 100", graded)
	}
	if logged := checkAfterCrash(t, p, nil); len(logged) != 100 {
		t.Errorf("%d grades stored, want 100", len(logged))
	}
}
