package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/urfave/cli/v3"
	"golang.org/x/term"

	"spaced/srs"
)

func (a *app) reviewCommand() *cli.Command {
	return &cli.Command{
		Name:  "review",
		Usage: "review today's cards: keys on a terminal, one line per card through a pipe",
		Description: "On a terminal: Space or Enter shows the back, 0-5 grades, u undoes, s skips, q quits.\n" +
			"With stdin not a terminal, each card is printed as \"[n/N] DECK · SECTION\", \"Q: FRONT\",\n" +
			"\"A: BACK\", then one line is read: 0-5, s, u or q (blank lines ignored).",
		Flags: append([]cli.Flag{
			&cli.IntFlag{Name: "new", Value: srs.DefaultLimits.New, Usage: "at most `N` new cards today, counted from the log"},
			&cli.IntFlag{Name: "limit", Value: srs.DefaultLimits.Review, Usage: "at most `N` due reviews today, counted from the log"},
		}, filterFlags()...),
		Action: a.review,
	}
}

func (a *app) review(_ context.Context, cmd *cli.Command) error {
	if err := maxArgs(cmd, 0); err != nil {
		return err
	}
	lim := srs.DefaultLimits
	for _, f := range []struct {
		name string
		v    *int
	}{{"new", &lim.New}, {"limit", &lim.Review}} {
		if cmd.IsSet(f.name) {
			n := cmd.Int(f.name)
			if n < 0 {
				return misusef("review: --%s must be 0 or more, not %d", f.name, n)
			}
			*f.v = int(n)
		}
	}
	s, day, err := a.study(cmd, "review", true)
	if err != nil {
		return err
	}
	defer s.Close()
	r := newReviewSession(s, day, lim, a.studyFilter(cmd, s), a.now)
	in, isFile := a.stdin.(*os.File)
	var sigs chan os.Signal
	if isFile {
		// Only the real program's standard input is an *os.File; tests that
		// drive run with a reader leave the process's signals alone.
		sigs = make(chan os.Signal, 4)
		signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGWINCH)
		defer signal.Stop(sigs)
	}
	if isFile && term.IsTerminal(int(in.Fd())) {
		return a.reviewTerminal(r, in, sigs)
	}
	return a.reviewLines(r, a.stdin, sigs)
}

// signalError is the error that ends a session stopped by signal sig: exit
// status 128 + its number (130 for SIGINT, 143 for SIGTERM).
func signalError(sig os.Signal) error {
	n := 1
	name := "ended by a signal"
	if s, ok := sig.(syscall.Signal); ok {
		n = 128 + int(s)
		name = "ended by " + signalName(s)
	}
	if sig == os.Interrupt {
		name = "interrupted"
	}
	return &exitError{code: n, err: errors.New("review: " + name)}
}

func signalName(s syscall.Signal) string {
	switch s {
	case syscall.SIGTERM:
		return "SIGTERM"
	case syscall.SIGHUP:
		return "SIGHUP"
	}
	return s.String()
}

// writeSummary prints the summary of session r on w.
func writeSummary(w io.Writer, r *reviewSession) error {
	s, err := r.summary()
	if err != nil {
		return fmt.Errorf("review: %w", err)
	}
	return s.write(w)
}
