package golden

import (
	"context"
	"io"
)

var genericFlag bool

// A generic function is judged like any other.
func genericLeak[T any](parent context.Context, v T) T {
	_, cancel := context.WithCancel(parent) // want "the context leaks at the return on line 16"
	if genericFlag {
		cancel()
	}
	return v
}

// Two blocks, two cancels: the first is deferred, the second used only under a branch.
func twoBlocks(parent context.Context) {
	{
		_, cancel := context.WithCancelCause(parent)
		defer cancel(io.EOF)
	}
	{
		_, cancel := context.WithCancelCause(parent) // want "context.WithCancelCause is not called on every path: the context leaks at the end of the block on line 30"
		if genericFlag {
			cancel(io.EOF)
		}
	}
}

type holder struct{ f func() }

// A call through a func-typed field, no context at all: nothing to report.
func fieldCall() {
	var x holder
	x.f = func() {}
	x.f()
}
