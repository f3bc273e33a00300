package main

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
)

// testNow is the fixed clock of command tests: 2026-03-10 12:00 UTC.
var testNow = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

// result is what one run of the program printed and returned.
type result struct {
	stdout, stderr string
	code           int
}

// spaced runs the program with args (the program name is added), no
// standard input, an environment holding only env, and the fixed clock.
func spaced(t testing.TB, env map[string]string, args ...string) result {
	t.Helper()
	return spacedIn(t, strings.NewReader(""), env, args...)
}

// spacedIn is spaced with standard input read from stdin.
func spacedIn(t testing.TB, stdin io.Reader, env map[string]string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string { return env[k] }
	code := run(append([]string{"spaced"}, args...), stdin, &out, &errb, getenv, func() time.Time { return testNow })
	return result{stdout: out.String(), stderr: errb.String(), code: code}
}

// want fails the test unless r ended with code and its stderr contains
// every one of parts.
func (r result) want(t testing.TB, code int, parts ...string) {
	t.Helper()
	if r.code != code {
		t.Errorf("exit status %d, want %d\nstdout: %s\nstderr: %s", r.code, code, r.stdout, r.stderr)
	}
	for _, p := range parts {
		if !strings.Contains(r.stderr, p) {
			t.Errorf("stderr %q does not contain %q", r.stderr, p)
		}
	}
}

func TestMisuse(t *testing.T) {
	for _, args := range [][]string{
		{"nosuchcommand"},
		{"--nosuchflag"},
		{},
	} {
		r := spaced(t, nil, args...)
		r.want(t, 2, "spaced: ")
	}
}

func TestVersion(t *testing.T) {
	r := spaced(t, nil, "--version")
	if r.code != 0 || !strings.Contains(r.stdout, version) {
		t.Errorf("--version: %d %q, want 0 and the version", r.code, r.stdout)
	}
}
