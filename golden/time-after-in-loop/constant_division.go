package golden

import "time"

func half(budget time.Duration, in <-chan int) {
	for {
		select {
		case <-in:
		case <-time.After(budget / 2): // want "time.After"
			return
		}
	}
}
