package golden

import (
	"context"
	"log"
)

// The goroutine logs after its second send, relying on the hand-off: not reported.
func twice(ctx context.Context) error {
	ch := make(chan int)
	go func() {
		ch <- 1
		ch <- 2
		log.Print("both handed over")
	}()
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
