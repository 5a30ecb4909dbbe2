package golden

import "context"

// A progress value on some paths, then the result: at most two sends per run.
func withProgress(ctx context.Context, verbose bool) (int, error) {
	events := make(chan int) // want "goroutine started at line 8 can block forever sending on unbuffered channel events"
	go func() {
		if verbose {
			events <- 0
		}
		events <- compute2()
	}()
	for {
		select {
		case v := <-events:
			if v != 0 {
				return v, nil
			}
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
}

func compute2() int { return 42 }
