package golden

import (
	"context"
	"time"
)

// Two fixes in one function: each name is free, but not both at once.
func two(parent context.Context) error {
	ctx, _ := context.WithTimeout(parent, time.Second) // want "the cancel function returned by context.WithTimeout is discarded"
	if err := work(ctx); err != nil {
		return err
	}
	ctx2, _ := context.WithTimeout(parent, time.Second) // want "the cancel function returned by context.WithTimeout is discarded"
	return work(ctx2)
}

func twoAssign(ctx context.Context) error {
	ctx, _ = context.WithTimeout(ctx, time.Second) // want "the cancel function returned by context.WithTimeout is discarded"
	if err := work(ctx); err != nil {
		return err
	}
	ctx, _ = context.WithTimeout(ctx, 2*time.Second) // want "the cancel function returned by context.WithTimeout is discarded"
	return work(ctx)
}

func work(ctx context.Context) error {
	<-ctx.Done()
	return ctx.Err()
}
