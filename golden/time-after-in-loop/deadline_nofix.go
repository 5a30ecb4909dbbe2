package golden

import "time"

func collectGrowing(in <-chan int, wait time.Duration) int {
	n := 0
	for {
		select {
		case <-in:
			n++
			wait *= 2
		case <-time.After(wait): // want "time.After"
			return n
		}
	}
}
