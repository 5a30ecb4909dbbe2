package golden

import (
	"context"
	"time"
)

// errs outlives the iteration and holds results of calls that took ctx: canceling at the
// end of the iteration could change them, so no fix.
func pingAll(parent context.Context, hosts []string) []error {
	var errs []error
	for _, h := range hosts {
		ctx, _ := context.WithTimeout(parent, time.Second) // want "the cancel function returned by context.WithTimeout is discarded"
		errs = append(errs, ping(ctx, h))
	}
	return errs
}

func ping(ctx context.Context, host string) error {
	if host == "" {
		return ctx.Err()
	}
	return nil
}
