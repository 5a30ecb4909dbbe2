package golden

import (
	"context"
	"errors"
	"time"
)

// The timer is left running when work or cancellation wins.
func next(ctx context.Context, work <-chan int) (int, error) {
	t := time.NewTimer(time.Minute) // want "timer `t` from time.NewTimer is not stopped on every path: it leaks at the return on line 14; under go 1.21 an unstopped timer stays alive until it fires"
	select {
	case v := <-work:
		return v, nil
	case <-t.C:
		return 0, errors.New("no work for a minute")
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
