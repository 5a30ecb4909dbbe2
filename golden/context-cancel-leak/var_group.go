package golden

import (
	"context"
	"time"
)

// Alone in its group, the spec has nothing to align with.
func alone(parent context.Context) error {
	var (
		ctx, _ = context.WithTimeout(parent, time.Second) // want "the cancel function returned by context.WithTimeout is discarded"
	)
	return work(ctx, 1)
}

func work(ctx context.Context, n int) error {
	if n == 0 {
		return nil
	}
	return ctx.Err()
}
