package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"spaced/internal/testhook"
	"spaced/srs"
)

// The fault test runs the program in a child process (this test binary,
// as TestFaultHelper) that kills itself with SIGKILL at its Nth database
// write, just before or just after the commit, for every N the command
// has; then it checks that the collection is sound and holds everything
// the command acknowledged.

const faultEnv = "SPACED_TEST_FAULT" // "count", "before:N" or "after:N"

// TestFaultHelper is the child process; it does nothing in a normal run.
func TestFaultHelper(t *testing.T) {
	spec := os.Getenv(faultEnv)
	if spec == "" {
		t.Skip("run by TestFaults")
	}
	point, at, _ := strings.Cut(spec, ":")
	k, _ := strconv.Atoi(at)
	n := 0
	hook := func(op string) {
		n++
		if point == "count" {
			fmt.Fprintf(os.Stderr, "fault: write %d %s\n", n, op)
		} else if n == k {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {}
		}
	}
	switch point {
	case "before":
		testhook.BeforeCommit = hook
	default:
		testhook.AfterCommit = hook
	}
	args := strings.Split(os.Getenv("SPACED_TEST_ARGS"), "\x1f")
	os.Exit(run(append([]string{"spaced"}, args...), os.Stdin, os.Stdout, os.Stderr, os.Getenv, time.Now))
}

// faultRun runs the command args in the helper with the fault spec, on
// the collection db, and returns its stdout and whether it was killed.
func faultRun(t *testing.T, spec, db, stdin string, args ...string) (stdout, stderr string, killed bool) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestFaultHelper$", "-test.count=1")
	cmd.Env = []string{faultEnv + "=" + spec, "SPACED_TEST_ARGS=" + strings.Join(args, "\x1f"),
		"SPACED_DB=" + db, "SPACED_TODAY=2026-03-10", "HOME=/nonexistent"}
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok && ee.Sys().(syscall.WaitStatus).Signal() == syscall.SIGKILL {
		killed = true
	} else if err != nil && !strings.HasPrefix(spec, "count") {
		t.Fatalf("%s %s: %v\n%s", spec, args, err, errb.String())
	}
	return out.String(), errb.String(), killed
}

func TestFaults(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	chapter := builtinFile(t, dir)
	base := filepath.Join(dir, "base.db")
	spaced(t, map[string]string{"SPACED_DB": base}, "add", chapter).want(t, 0)
	id := reviewItems(t, map[string]string{"SPACED_DB": base})[0].Card.ID

	for _, c := range []struct {
		name  string
		fresh bool // start without a collection
		stdin string
		args  []string
		// check checks the collection after a run that printed stdout.
		check func(t *testing.T, env map[string]string, stdout string, writes int)
	}{
		{"add", true, "", []string{"add", chapter}, func(t *testing.T, env map[string]string, out string, writes int) {
			if n := len(reviewItems(t, env)); strings.Contains(out, "19 new") && n != 19 || n != 0 && n != 19 {
				t.Errorf("%d cards after %q, want all 19 or none", n, out)
			}
		}},
		{"grade", false, "", []string{"grade", id, "4"}, func(t *testing.T, env map[string]string, out string, writes int) {
			if g := graded(t, env); strings.Contains(out, "graded 4") && len(g) != 1 || len(g) != writes {
				t.Errorf("grades %q after %q and %d writes", g, out, writes)
			}
		}},
		{"review", false, "4\n2\n5\n3\n4\n", []string{"review"}, func(t *testing.T, env map[string]string, out string, writes int) {
			// Each card shown after the first acknowledges the grade
			// before it; the summary acknowledges the last.
			acked := strings.Count(out, "\nQ: ") - 1
			if strings.Contains(out, "Reviewed:") {
				acked++
			}
			if g := graded(t, env); len(g) != writes || len(g) < acked {
				t.Errorf("%d grades stored after %d writes, %d acknowledged:\n%s", len(g), writes, acked, out)
			}
		}},
		{"review with undo", false, "4\n4\nu\n5\n", []string{"review"}, func(t *testing.T, env map[string]string, out string, writes int) {
			want := map[int][]string{0: {}, 1: {"0:4"}, 2: {"0:4", "1:4"}, 3: {"0:4"}, 4: {"0:4", "1:5"}}[writes]
			if g := graded(t, env); strings.Join(g, " ") != strings.Join(want, " ") {
				t.Errorf("grades %q after %d writes, want %q", g, writes, want)
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			prepare := func() map[string]string {
				db := filepath.Join(t.TempDir(), "c.db")
				if !c.fresh {
					b, err := os.ReadFile(base)
					if err != nil {
						t.Fatal(err)
					}
					os.WriteFile(db, b, 0o600)
				}
				return map[string]string{"SPACED_DB": db, "HOME": "/nonexistent"}
			}
			env := prepare()
			_, counted, _ := faultRun(t, "count", env["SPACED_DB"], c.stdin, c.args...)
			writes := strings.Count(counted, "fault: write ")
			if writes == 0 {
				t.Fatalf("no database write counted:\n%s", counted)
			}
			for k := 1; k <= writes; k++ {
				for _, point := range []string{"before", "after"} {
					env := prepare()
					out, _, killed := faultRun(t, fmt.Sprintf("%s:%d", point, k), env["SPACED_DB"], c.stdin, c.args...)
					if !killed {
						t.Fatalf("%s:%d: the command was not killed", point, k)
					}
					if _, err := os.Stat(env["SPACED_DB"]); c.fresh && errors.Is(err, fs.ErrNotExist) {
						// Killed before it published its new collection:
						// nothing may have been acknowledged.
						if out != "" {
							t.Errorf("%s:%d: no collection, after %q", point, k, out)
						}
						continue
					}
					s, err := srs.Open(env["SPACED_DB"], srs.Write)
					if err != nil {
						t.Fatalf("%s:%d: %v", point, k, err)
					}
					if r, err := s.IntegrityCheck(); r != "ok" {
						t.Errorf("%s:%d: integrity_check = %q, %v", point, k, r, err)
					}
					s.Close()
					done := k - 1 // writes committed
					if point == "after" {
						done = k
					}
					c.check(t, env, out, done)
				}
			}
		})
	}
}
