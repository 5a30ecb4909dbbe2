package leaky

import (
	"context"
	"time"
)

// FetchWithTimeout gives up when ctx is done, but the goroutine still waits to
// hand over its answer: goroutine-blocked-send (capacity 1 fixes it).
func FetchWithTimeout(ctx context.Context, key string) (string, error) {
	result := make(chan string)
	go func() {
		time.Sleep(10 * time.Millisecond)
		result <- "value of " + key
	}()
	select {
	case v := <-result:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
