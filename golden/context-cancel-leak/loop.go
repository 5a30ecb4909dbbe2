package golden

import (
	"context"
	"time"
)

func countUp(parent context.Context, hosts []string) int {
	up := 0
	for _, h := range hosts {
		ctx, _ := context.WithTimeout(parent, time.Second) // want "the cancel function returned by context.WithTimeout is discarded"
		if ping(ctx, h) == nil {
			up++
		}
	}
	return up
}

func ping(ctx context.Context, host string) error {
	if host == "" {
		return ctx.Err()
	}
	return nil
}
