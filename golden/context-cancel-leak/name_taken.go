package golden

import (
	"context"
	"time"
)

// `cancel` is taken in the function, so the new name is cancel2.
func twice(parent context.Context, cancel func()) error {
	defer cancel()
	ctx, _ := context.WithTimeout(parent, time.Second) // want "the cancel function returned by context.WithTimeout is discarded"
	return work(ctx)
}

func work(ctx context.Context) error {
	<-ctx.Done()
	return ctx.Err()
}
