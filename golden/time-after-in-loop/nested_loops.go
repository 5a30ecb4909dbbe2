package golden

import "time"

func batches(groups [][]chan int, wait time.Duration) (sum int) {
	for _, group := range groups {
		for _, ch := range group {
			select {
			case v := <-ch:
				sum += v
			case <-time.After(wait): // want "time.After"
			}
		}
	}
	return sum
}
