package golden

import (
	"context"
	"time"
)

func fetch(parent context.Context) error {
	ctx, _ := context.WithTimeout(parent, time.Second) // want "the cancel function returned by context.WithTimeout is discarded"
	return work(ctx)
}

func work(ctx context.Context) error {
	<-ctx.Done()
	return ctx.Err()
}
