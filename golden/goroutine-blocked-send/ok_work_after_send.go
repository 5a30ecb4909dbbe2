package golden

import (
	"context"
	"log"
)

// The goroutine does more after sending, relying on the hand-off; not rewritten.
func handoff(ctx context.Context) error {
	ch := make(chan int)
	go func() {
		ch <- 1
		log.Print("handed over")
	}()
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
