package golden

import "time"

func modernInfo(in <-chan int) {
	for {
		select {
		case <-in:
		case <-time.After(time.Second): // want "go 1.24.*one allocation per pass"
			return
		}
	}
}
