package golden

import "time"

func share(budget, n time.Duration, in <-chan int) {
	for n > 0 {
		select {
		case <-in:
			n--
		case <-time.After(budget / n): // want "time.After.*the fix is unsafe: the duration is also evaluated before the loop, where `budget / n` may divide by zero there"
			return
		}
	}
}
