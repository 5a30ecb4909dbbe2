package golden

import "time"

func flagged(in <-chan int) {
	for {
		select {
		case <-in:
		case <-time.After(time.Second): // want "go 1.20"
			return
		}
	}
}
