package main

import (
	"context"
	"io"
	"os"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/term"

	"spaced/review"
)

// ttyOutput returns where the review screen goes: standard output when it
// is a terminal, else standard error when that is one, else standard
// output; and the file descriptor to read the size from.
func (a *app) ttyOutput(in *os.File) (io.Writer, int, bool) {
	for _, f := range []*os.File{a.StdoutFile, a.StderrFile} {
		if f != nil && term.IsTerminal(int(f.Fd())) {
			return f, int(f.Fd()), true
		}
	}
	return a.Stdout, int(in.Fd()), false
}

// tty is the terminal a sitting draws on.
type tty struct {
	w      io.Writer
	sizeFd int
}

func (t tty) Write(p []byte) (int, error) {
	if drawHook != nil {
		drawHook()
	}
	return t.w.Write(p)
}

// Size returns the terminal's width and height, 0 × 0 when unknown.
func (t tty) Size() (int, int) {
	w, h, err := term.GetSize(t.sizeFd)
	if err != nil {
		return 0, 0
	}
	return w, h
}

// drawHook, when set (by a test), is called before each write to the
// review screen, in the sitting's goroutine.
var drawHook func()

// keyHook, when set (by a test), is called with each read of keys.
var keyHook func([]byte)

// reviewTerminal runs sitting r on the terminal of in: in raw mode (so
// that every key arrives at once and Ctrl-C is a key), the terminal put
// back as it was on every path, a panic included.
func (a *app) reviewTerminal(ctx context.Context, r *review.Session, in *os.File) error {
	out, sizeFd, isTTY := a.ttyOutput(in)
	old, err := term.MakeRaw(int(in.Fd()))
	if err != nil {
		return err
	}
	defer func() {
		// Whatever happened to the sitting, a panic included, the screen
		// and the terminal are put back.
		io.WriteString(out, ansi.ResetStyle+ansi.ShowCursor+ansi.ResetModeAltScreenSaveCursor)
		term.Restore(int(in.Fd()), old)
	}()
	st := review.Styles{Attrs: isTTY, Colour: isTTY && a.Getenv("NO_COLOR") == ""}
	return review.RunTerminal(ctx, r, tty{w: out, sizeFd: sizeFd}, keyReader{in}, a.Resize, st)
}

// keyReader is the terminal's input, which calls keyHook with each read.
type keyReader struct{ r io.Reader }

func (k keyReader) Read(p []byte) (int, error) {
	n, err := k.r.Read(p)
	if n > 0 && keyHook != nil {
		keyHook(p[:n])
	}
	return n, err
}
