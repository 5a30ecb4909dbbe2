package golden

import (
	"os"
	"time"
)

func fetch(n string) int { return len(n) }

// Both fixes land in the same loop body and apply in one run.
func poll(names []string, d time.Duration) int {
	sum := 0
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			panic(err)
		}
		defer f.Close() // want "defer in a loop: f.Close\(\) waits until poll returns"
		f.Stat()

		ch := make(chan int) // want "the goroutine started at line 22 can block forever sending on unbuffered channel ch: the select at line 24 can take another case"
		go func() { ch <- fetch(n) }()
		t := time.NewTimer(d)
		select {
		case v := <-ch:
			sum += v
		case <-t.C:
		}
		t.Stop()
	}
	return sum
}
