package golden

import "context"

// gosec G118 #1591 and #1670: cancel kept in a struct or a slice for later.
type job struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func newJob(parent context.Context) *job {
	ctx, cancel := context.WithCancel(parent)
	return &job{ctx: ctx, cancel: cancel}
}

func collect(parent context.Context, cancels []context.CancelFunc) ([]context.CancelFunc, error) {
	ctx, cancel := context.WithCancel(parent)
	return append(cancels, cancel), ctx.Err()
}
