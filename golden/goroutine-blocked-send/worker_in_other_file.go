package golden

import "time"

// The worker lives in another file of the package and passes the channel on once more.
func measure(d time.Duration) int {
	res := make(chan int) // want "goroutine started at line 8 can block forever sending on unbuffered channel res"
	go probe(res)
	select {
	case v := <-res:
		return v
	case <-time.After(d):
		return -1
	}
}
