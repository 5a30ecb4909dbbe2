package golden

import "time"

// The goto starts the goroutine three times: a buffer of 1 would not be enough.
func gotoLoop() int {
	ch := make(chan int) // want "the goroutine started at line 10 can block forever sending on unbuffered channel ch: the select at line 15 can take another case"
	n := 0
again:
	go func() { ch <- n }()
	n++
	if n < 3 {
		goto again
	}
	select {
	case v := <-ch:
		return v
	case <-time.After(time.Second):
		return 0
	}
}
