package golden

import "time"

// At most one goroutine runs: a buffer of one is enough.
func branches(fast bool, d time.Duration) int {
	ch := make(chan int) // want "the 2 goroutines started at lines 9, 11 can block forever sending on unbuffered channel ch: the select at line 13 can take another case"
	if fast {
		go func() { ch <- 1 }()
	} else {
		go func() { ch <- 2 }()
	}
	select {
	case v := <-ch:
		return v
	case <-time.After(d):
		return 0
	}
}
