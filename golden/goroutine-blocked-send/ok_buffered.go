package golden

import (
	"context"
	"time"
)

func lookup(ctx context.Context) (int, error) {
	ch := make(chan int, 1)
	go func() {
		time.Sleep(time.Millisecond)
		ch <- 7
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
