package golden

import "time"

// The capacity is observable through cap, so the channel is left alone.
func probe(d time.Duration) int {
	ch := make(chan int)
	go func() { ch <- cap(ch) }()
	select {
	case v := <-ch:
		return v
	case <-time.After(d):
		return -1
	}
}
