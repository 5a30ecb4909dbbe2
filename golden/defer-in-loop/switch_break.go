package golden

import (
	"context"
	"time"
)

// The break leaves the switch, not the loop, so the body can be wrapped.
func pollAll(parent context.Context, targets []string) int {
	ok := 0
	for _, t := range targets {
		ctx, cancel := context.WithTimeout(parent, time.Second)
		defer cancel() // want "defer in a loop: cancel\(\) waits until pollAll returns"
		switch ping(ctx, t) {
		case nil:
			ok++
		default:
			break
		}
	}
	return ok
}

func ping(ctx context.Context, target string) error {
	_ = target
	return ctx.Err()
}
