package golden

import (
	"log"
	"time"
)

// The loop waits for every result; the ticker case only logs progress.
func all(xs []int) []int {
	ch := make(chan int)
	for _, x := range xs {
		go func() { ch <- x * 2 }()
	}
	t := time.NewTicker(time.Second)
	defer t.Stop()
	var out []int
	for len(out) < len(xs) {
		select {
		case v := <-ch:
			out = append(out, v)
		case <-t.C:
			log.Printf("%d/%d", len(out), len(xs))
		}
	}
	return out
}
