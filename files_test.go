package main

import (
	"context"
	"errors"
	"testing"

	"spaced/deck"
	"spaced/internal/appenv"
)

// A compile stops at once when a signal ends the context, with its cause.
func TestCompileUntilSignal(t *testing.T) {
	ctx, cancel := context.WithCancelCause(context.Background())
	release := make(chan struct{})
	defer close(release)
	started := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		_, _, err := appenv.CompileUntil(ctx, func() (*deck.Deck, []deck.Warning, error) {
			close(started)
			<-release // a compile that would go on and on
			return nil, nil, nil
		})
		done <- err
	}()
	<-started
	sig := errors.New("interrupted")
	cancel(sig)
	if err := <-done; err != sig {
		t.Errorf("compileUntil = %v, want the cause", err)
	}
}
