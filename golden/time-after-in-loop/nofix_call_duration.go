package golden

import "time"

func backoff(in <-chan int, next func() time.Duration) {
	for {
		select {
		case <-in:
		case <-time.After(next()): // want "time.After"
			return
		}
	}
}
