package golden

import (
	"context"
	"time"
)

// `=` needs the cancel variable declared first.
func retry(ctx context.Context, n int) error {
	ctx, _ = context.WithTimeout(ctx, time.Duration(n)*time.Second) // want "the cancel function returned by context.WithTimeout is discarded"
	return work(ctx)
}

func work(ctx context.Context) error {
	<-ctx.Done()
	return ctx.Err()
}
