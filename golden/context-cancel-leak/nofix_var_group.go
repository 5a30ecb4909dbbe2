package golden

import (
	"context"
	"time"
)

// Naming the cancel function would widen the first column of an aligned `var (...)` group.
func grouped(parent context.Context) error {
	var (
		ctx, _ = context.WithTimeout(parent, time.Second) // want "the cancel function returned by context.WithTimeout is discarded"
		n      = 1
	)
	return work(ctx, n)
}

func work(ctx context.Context, n int) error {
	if n == 0 {
		return nil
	}
	return ctx.Err()
}
