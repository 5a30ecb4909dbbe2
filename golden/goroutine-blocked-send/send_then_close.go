package golden

import "time"

// The goroutine sends and then closes: not its last act, still one value.
func work(d time.Duration) (int, bool) {
	ch := make(chan int) // want "goroutine started at line 8 can block forever sending on unbuffered channel ch: the select at line 12"
	go func() {
		ch <- compute()
		close(ch)
	}()
	select {
	case v, ok := <-ch:
		return v, ok
	case <-time.After(d):
		return 0, false
	}
}

func compute() int { return 42 }
