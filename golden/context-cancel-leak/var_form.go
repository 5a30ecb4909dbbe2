package golden

import (
	"context"
	"time"
)

func until(parent context.Context, at time.Time) error {
	var ctx, _ = context.WithDeadline(parent, at) // want "the cancel function returned by context.WithDeadline is discarded"
	return work(ctx)
}

func work(ctx context.Context) error {
	<-ctx.Done()
	return ctx.Err()
}
