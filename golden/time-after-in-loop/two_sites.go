package golden

import "time"

func race(a, b <-chan int, short, long time.Duration) int {
	total := 0
	for total < 100 {
		select {
		case v := <-a:
			total += v
		case v := <-b:
			total += v
		case <-time.After(short): // want "time.After"
			total++
		case <-time.After(long): // want "time.After"
			return total
		}
	}
	return total
}
