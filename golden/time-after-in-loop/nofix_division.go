package golden

import "time"

func share(budget, n time.Duration, in <-chan int) {
	for n > 0 {
		select {
		case <-in:
			n--
		case <-time.After(budget / n): // want "time.After"
			return
		}
	}
}
