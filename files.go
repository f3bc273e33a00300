package main

import (
	"bytes"
	"context"
	"io"
	"os"

	"spaced/deck"
	"spaced/internal/files"

	"golang.org/x/term"
)

// loadDeck returns the deck in the file at path: a deck file is read as it is,
// anything else is compiled as a chapter (name, when not empty, names the
// deck). Compile warnings are printed as they are found.
func (a *app) loadDeck(ctx context.Context, path, name string) (*deck.Deck, error) {
	src, err := files.Read(path)
	if err != nil {
		return nil, err
	}
	return a.parseDeck(ctx, path, src, name)
}

// parseDeck is loadDeck for bytes already read.
func (a *app) parseDeck(ctx context.Context, path string, src []byte, name string) (*deck.Deck, error) {
	d, warnings, err := compileUntil(ctx, func() (*deck.Deck, []deck.Warning, error) { return deck.Load(path, src, name) })
	a.printWarnings(path, warnings)
	return d, err
}

// compileUntil runs compile, a reading of a chapter or deck file, and
// returns its result, or the cause of ctx as soon as ctx ends (a signal):
// a long compile stops at once. The reading has no effect but its result,
// so it is left to end with the process.
func compileUntil(ctx context.Context, compile func() (*deck.Deck, []deck.Warning, error)) (*deck.Deck, []deck.Warning, error) {
	type result struct {
		d        *deck.Deck
		warnings []deck.Warning
		err      error
	}
	done := make(chan result, 1)
	go func() {
		d, w, err := compile()
		done <- result{d, w, err}
	}()
	select {
	case r := <-done:
		return r.d, r.warnings, r.err
	case <-ctx.Done():
		return nil, nil, context.Cause(ctx)
	}
}

// printWarnings prints the warnings of compiling the chapter path, except
// the notes that only --report shows.
func (a *app) printWarnings(path string, warnings []deck.Warning) {
	for _, w := range warnings {
		if !w.Note {
			a.warnf("%s:%d: %s", path, w.Line, w.Msg)
		}
	}
}

// writeOutput writes through write to the file out, atomically (see
// files.Write), or to standard output when out is "" or "-". Standard
// output gets nothing when write fails.
func (a *app) writeOutput(ctx context.Context, out string, write func(io.Writer) error) error {
	if out != "" && out != "-" {
		return files.Write(ctx, out, 0o644, write)
	}
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	_, err := a.stdout.Write(buf.Bytes())
	return err
}

// isTerminal reports whether f is a terminal.
func isTerminal(f *os.File) bool {
	return f != nil && term.IsTerminal(int(f.Fd()))
}

// width returns the width of the terminal standard output is, or 0 when
// it is none: the tables fit a terminal, and are whole in a pipe.
func (a *app) width() int {
	if !isTerminal(a.stdoutFile) {
		return 0
	}
	w, _, err := term.GetSize(int(a.stdoutFile.Fd()))
	if err != nil {
		return 0
	}
	return w
}
