package golden

import (
	"context"
	"errors"
	"time"
)

func withCause(parent context.Context) error {
	ctx, _ := context.WithCancelCause(parent) // want "the cancel function returned by context.WithCancelCause is discarded"
	return work(ctx)
}

func withTimeoutCause(parent context.Context) error {
	ctx, _ := context.WithTimeoutCause(parent, time.Second, errors.New("slow")) // want "the cancel function returned by context.WithTimeoutCause is discarded"
	return work(ctx)
}

func assignCause(ctx context.Context) error {
	ctx, _ = context.WithCancelCause(ctx) // want "the cancel function returned by context.WithCancelCause is discarded"
	return work(ctx)
}

func work(ctx context.Context) error {
	<-ctx.Done()
	return ctx.Err()
}
