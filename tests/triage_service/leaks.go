package main

import (
	"context"
	"time"
)

// lookup gives up after its deadline; the backend answers later and its
// sender is left blocked on the unbuffered channel.
func lookup(ctx context.Context, key string) (string, error) {
	answer := make(chan string)
	go func() {
		answer <- slowBackend(ctx, key)
	}()
	select {
	case v := <-answer:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func slowBackend(ctx context.Context, key string) string {
	<-ctx.Done()
	time.Sleep(2 * time.Millisecond)
	return key
}

// drain sums events until the stream closes or stays idle for a minute;
// every pass of the loop starts a new timer.
func drain(events <-chan int) int {
	total := 0
	for {
		select {
		case v, ok := <-events:
			if !ok {
				return total
			}
			total += v
		case <-time.After(time.Minute):
			return total
		}
	}
}

// poll waits for n ticks and never stops its ticker.
func poll(n int) int {
	ticker := time.NewTicker(time.Millisecond)
	for i := 0; i < n; i++ {
		<-ticker.C
	}
	return n
}
