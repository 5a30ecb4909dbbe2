package golden

import (
	"context"
	"errors"
	"time"
)

var beyondFlag bool

// An early return before the deferred cancel: every use is a call, so a defer right after
// the binding covers the early return too (a second cancel is harmless).
func earlyReturn(parent context.Context) error {
	ctx, cancel := context.WithTimeout(parent, time.Second) // want "the context leaks at the return on line 16"
	if beyondFlag {
		return errors.New("early")
	}
	defer cancel()
	return ctx.Err()
}

// Overwritten before it was called: the first context leaks (go vet only sees the last).
func overwritten(parent context.Context) {
	_, cancel := context.WithCancel(parent) // want "the context leaks at line 25, where it is overwritten"
	_, cancel = context.WithCancel(parent)
	defer cancel()
}

type worker struct {
	stop context.CancelFunc
}

func (w *worker) prepare(ctx context.Context) error { return ctx.Err() }

// Kept in a struct that the error path drops: canceled before that return.
func newWorker(parent context.Context) (*worker, error) {
	ctx, cancel := context.WithCancel(parent) // want "the context leaks at the return on line 40"
	w := &worker{stop: cancel}
	if err := w.prepare(ctx); err != nil {
		return nil, err
	}
	return w, nil
}

// The `=` form, on a variable declared earlier.
func assignForm(parent context.Context) {
	var cancel context.CancelFunc
	_, cancel = context.WithCancel(parent) // want "the context leaks at the return on line 50"
	if beyondFlag {
		return
	}
	cancel()
}
