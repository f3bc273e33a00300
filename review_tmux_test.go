package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"spaced/internal/testenv"
)

// These tests drive the review session on a real terminal: a tmux pane of a
// fixed size, keys sent with send-keys, the screen read with capture-pane.
// Each waits for what the screen shows, never for a length of time; the
// deadline in waitFor only ends a test that would otherwise hang.

// needTmux skips the test when tmux is missing, or fails it when CI is set.
func needTmux(t *testing.T) {
	t.Helper()
	testenv.Tool(t, "tmux")
}

// pane is a tmux server of its own with one 80 × 24 pane running a program
// between two 'stty -a', in the folder dir.
type pane struct {
	t    *testing.T
	sock string
	dir  string
	db   string
}

// startPane runs argv in a new pane with the environment env (and a
// collection of its own in SPACED_DB), and waits for its first screen to
// show want.
func startPane(t *testing.T, env map[string]string, want string, argv ...string) *pane {
	t.Helper()
	dir := t.TempDir()
	p := &pane{t: t, sock: filepath.Join(dir, "tmux.sock"), dir: dir, db: filepath.Join(dir, "collection.db")}
	var script strings.Builder
	fmt.Fprintf(&script, "cd %s\n", shellQuote(dir))
	fmt.Fprintf(&script, "export SPACED_DB=%s HOME=%s LC_ALL=C.UTF-8 TERM=screen SPACED_TODAY=2026-03-10\nunset NO_COLOR SPACED_ROLLOVER XDG_DATA_HOME\n", shellQuote(p.db), shellQuote(dir))
	for k, v := range env {
		fmt.Fprintf(&script, "export %s=%s\n", k, shellQuote(v))
	}
	script.WriteString("stty -a > stty.before\n")
	// The inner shell writes its process ID and becomes the program.
	script.WriteString(`sh -c 'echo $$ > pid.tmp && mv pid.tmp pid && exec "$@"' sh`)
	for _, a := range argv {
		script.WriteString(" " + shellQuote(a))
	}
	script.WriteString("\nst=$?\nstty -a > stty.after\necho \"[exit $st]\"\necho $st > status.tmp && mv status.tmp status\nexec sleep 3600\n")
	run := filepath.Join(dir, "run.sh")
	if err := os.WriteFile(run, []byte(script.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	p.tmux("new-session", "-d", "-s", "review", "-x", "80", "-y", "24", "sh "+shellQuote(run))
	t.Cleanup(func() { exec.Command("tmux", "-S", p.sock, "kill-server").Run() })
	p.waitFor(want)
	return p
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// tmux runs a tmux command on the pane's server.
func (p *pane) tmux(args ...string) string {
	p.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-u", "-S", p.sock, "-f", "/dev/null"}, args...)...).CombinedOutput()
	if err != nil {
		p.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// keys sends keys, as tmux names them (Space, Enter, C-c, 4).
func (p *pane) keys(keys ...string) {
	p.t.Helper()
	p.tmux(append([]string{"send-keys", "-t", "review"}, keys...)...)
}

// screen returns the text of the pane.
func (p *pane) screen() string {
	p.t.Helper()
	return p.tmux("capture-pane", "-p", "-t", "review")
}

// waitFor waits until the screen contains every one of wants, and returns it.
func (p *pane) waitFor(wants ...string) string {
	p.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		s := p.screen()
		missing := ""
		for _, w := range wants {
			if !strings.Contains(s, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return s
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("the screen never showed %q:\n%s", missing, s)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// file waits for the file name that the pane's script writes and returns
// its content.
func (p *pane) file(name string) string {
	p.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		b, err := os.ReadFile(filepath.Join(p.dir, name))
		if err == nil {
			return strings.TrimSpace(string(b))
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("%s never written; screen:\n%s", name, p.screen())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// signal sends sig to the program in the pane.
func (p *pane) signal(sig syscall.Signal) {
	p.t.Helper()
	pid, err := strconv.Atoi(p.file("pid"))
	if err != nil {
		p.t.Fatal(err)
	}
	if err := syscall.Kill(pid, sig); err != nil {
		p.t.Fatal(err)
	}
}

// exited waits for the program to end, checks its exit status and that the
// terminal settings are as before, and returns the screen.
func (p *pane) exited(code int) string {
	p.t.Helper()
	if got := p.file("status"); got != strconv.Itoa(code) {
		p.t.Errorf("exit status %s, want %d\n%s", got, code, p.screen())
	}
	before, after := p.file("stty.before"), p.file("stty.after")
	if before != after || before == "" {
		p.t.Errorf("stty -a before:\n%s\nafter:\n%s", before, after)
	}
	return p.waitFor(fmt.Sprintf("[exit %d]", code))
}

// graded returns the grades stored in the pane's collection (see graded).
func (p *pane) graded() []string {
	p.t.Helper()
	return graded(p.t, map[string]string{"SPACED_DB": p.db})
}

func TestReviewTerminal(t *testing.T) {
	t.Parallel()
	needTmux(t)
	bin := spacedBinary(t)

	t.Run("reveal grade undo quit", func(t *testing.T) {
		t.Parallel()
		p := startPane(t, nil, "[1/19]", bin, "review")
		s := p.waitFor("new 19 · review 0 · drill 0", "0 graded  [1/19]", " Q ", "Space or Enter shows the answer")
		items := reviewItems(t, map[string]string{"SPACED_DB": p.db})
		if !strings.Contains(s, items[0].Card.Section) || strings.Contains(s, " A ") {
			t.Errorf("first screen, want the section and no answer:\n%s", s)
		}
		p.keys("Space")
		p.waitFor(" A "+items[0].Card.Back[:20], " 0 blank 1d  1 wrong 1d  2 almost 1d  3 hard 1d  4 good 1d  5 easy 1d")
		p.keys("4")
		p.waitFor("1 graded  [2/19]", "✓ 4 good: due 2026-03-11 (1 day)", "new 18 · review 0 · drill 0")
		p.keys("Enter")
		p.waitFor(" A " + items[1].Card.Back[:20])
		p.keys("2")
		p.waitFor("2 graded  [3/20]", "new 17 · review 0 · drill 1", "drill today")
		p.keys("u")
		s = p.waitFor("1 graded  [2/19]", "↶ undid grade 2 of "+items[1].Card.ID)
		if !strings.Contains(s, items[1].Card.Front[:20]) {
			t.Errorf("after the undo, want the card undone again:\n%s", s)
		}
		p.keys("q")
		s = p.exited(0)
		for _, w := range []string{"18 cards left in today's queue.", "Reviewed:      1 card (1 new, 0 due)", "Grades:        0:0 1:0 2:0 3:0 4:1 5:0", "Due tomorrow:  1 card"} {
			if !strings.Contains(s, w) {
				t.Errorf("summary lacks %q:\n%s", w, s)
			}
		}
		wantList(t, "grades", p.graded(), []string{"0:4"})
	})

	t.Run("drill and the end screen", func(t *testing.T) {
		t.Parallel()
		p := startPane(t, nil, "[1/1]", bin, "review", "--new", "1")
		p.keys("Space", "1")
		s := p.waitFor("DRILL · ", "new 0 · review 0 · drill 1", "1 graded  [2/2]")
		if strings.Contains(s, " A ") {
			t.Errorf("the drill card shows its answer before Space:\n%s", s)
		}
		p.keys("Space")
		p.waitFor("3 hard → again today", "5 easy → done")
		p.keys("3")
		p.waitFor("✓ drill 3 hard: again today", "[3/3]")
		p.keys("5")
		p.waitFor("All done for now.", "3 graded", "✓ drill 5 easy: done for today")
		p.keys("u")
		p.waitFor("DRILL · ", "2 graded  [3/3]")
		p.keys("4", "Enter")
		s = p.exited(0)
		if !strings.Contains(s, "Done for today.") || !strings.Contains(s, "Drill repeats: 2\n") {
			t.Errorf("summary:\n%s\nwant done with 2 drill repeats", s)
		}
		wantList(t, "grades", p.graded(), []string{"0:1", "0:3d", "0:4d"})
	})

	t.Run("Ctrl-C", func(t *testing.T) {
		t.Parallel()
		p := startPane(t, nil, "[1/19]", bin, "review")
		p.keys("5")
		p.waitFor("1 graded")
		p.keys("C-c")
		s := p.exited(130)
		if !strings.Contains(s, "Reviewed:      1 card") || !strings.Contains(s, "spaced: review: interrupted") {
			t.Errorf("after Ctrl-C, want the summary and the interruption:\n%s", s)
		}
		wantList(t, "grades", p.graded(), []string{"0:5"})
	})

	for _, c := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGTERM, 143}, {syscall.SIGQUIT, 131}, {syscall.SIGHUP, 129}} {
		name := strings.ToUpper("SIG" + map[syscall.Signal]string{syscall.SIGTERM: "term", syscall.SIGQUIT: "quit", syscall.SIGHUP: "hup"}[c.sig])
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			p := startPane(t, nil, "[1/19]", bin, "review")
			p.keys("3")
			p.waitFor("1 graded")
			p.signal(c.sig)
			s := p.exited(c.code)
			if !strings.Contains(s, "Reviewed:      1 card") || !strings.Contains(s, "spaced: review: ended by "+name) {
				t.Errorf("after %s, want the summary:\n%s", name, s)
			}
			wantList(t, "grades", p.graded(), []string{"0:3"})
		})
	}

	// SIGKILL leaves no chance to clean up: every grade the screen
	// acknowledged must be in the collection.
	for _, c := range []struct {
		name string
		keys []string
		ack  []string
		want []string
	}{
		{"SIGKILL after one grade", []string{"4"}, []string{"1 graded"}, []string{"0:4"}},
		{"SIGKILL after five keys at once", []string{"4", "5", "3", "4", "1"}, []string{"5 graded"}, []string{"0:4", "1:5", "2:3", "3:4", "4:1"}},
		{"SIGKILL after an undo", []string{"4", "2", "u"}, []string{"1 graded", "↶ undid"}, []string{"0:4"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p := startPane(t, nil, "[1/19]", bin, "review")
			p.keys(c.keys...)
			p.waitFor(c.ack...)
			p.signal(syscall.SIGKILL)
			if got := p.file("status"); got != "137" {
				t.Errorf("exit status %s, want 137", got)
			}
			wantList(t, "grades", p.graded(), c.want)
		})
	}

	t.Run("colour", func(t *testing.T) {
		t.Parallel()
		colour := regexp.MustCompile(`\x1b\[[0-9;]*3[1-7]m`)
		for _, noColor := range []string{"", "1"} {
			env := map[string]string{}
			if noColor != "" {
				env["NO_COLOR"] = noColor
			}
			p := startPane(t, env, "[1/19]", bin, "review")
			s := p.tmux("capture-pane", "-p", "-e", "-t", "review")
			if got := colour.MatchString(s); got != (noColor == "") {
				t.Errorf("NO_COLOR=%q: colour on the screen is %v, want %v:\n%q", noColor, got, noColor == "", s)
			}
			p.keys("q")
			p.exited(0)
		}
	})

	t.Run("panic", func(t *testing.T) {
		t.Parallel()
		exe, err := os.Executable()
		if err != nil {
			t.Fatal(err)
		}
		p := startPane(t, map[string]string{"SPACED_PANIC_ON_SKIP": "1"}, "[1/19]", exe, "-test.run=^TestReviewPanicHelper$")
		p.keys("s")
		p.exited(70)
		s := p.tmux("capture-pane", "-p", "-S", "-", "-t", "review")
		if !strings.Contains(s, "spaced: internal error: a bug in the session") {
			t.Errorf("want the panic on the screen:\n%s", s)
		}
	})
}

// TestReviewPanicHelper is the program, run by TestReviewTerminal in a tmux
// pane, with a session that panics on the key s.
func TestReviewPanicHelper(t *testing.T) {
	if os.Getenv("SPACED_PANIC_ON_SKIP") != "1" {
		t.Skip("run by TestReviewTerminal")
	}
	var skipped atomic.Bool
	keyHook = func(keys []byte) {
		if strings.ContainsAny(string(keys), "sS") {
			skipped.Store(true)
		}
	}
	drawHook = func() {
		if skipped.CompareAndSwap(true, false) {
			panic("a bug in the session")
		}
	}
	os.Exit(run([]string{"spaced", "review"}, os.Stdin, os.Stdout, os.Stderr, os.Getenv, time.Now))
}
