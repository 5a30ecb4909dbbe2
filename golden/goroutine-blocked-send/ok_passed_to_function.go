package golden

import "time"

// The channel is handed to another function, which may receive from it.
func start(d time.Duration) int {
	ch := make(chan int)
	go func() {
		ch <- 1
	}()
	drain(ch)
	select {
	case v := <-ch:
		return v
	case <-time.After(d):
		return 0
	}
}

func drain(ch chan int) {
	go func() {
		for range ch {
		}
	}()
}
