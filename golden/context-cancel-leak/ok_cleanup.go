package golden

import (
	"context"
	"testing"
)

// gosec G118 #1590: cancel handed to t.Cleanup or called by a goroutine.
func setup(t *testing.T, parent context.Context) context.Context {
	ctx, cancel := context.WithCancel(parent)
	t.Cleanup(cancel)
	return ctx
}

func stopOn(parent context.Context, done <-chan struct{}) context.Context {
	ctx, cancel := context.WithCancel(parent)
	go func() {
		<-done
		cancel()
	}()
	return ctx
}
