package golden

import "time"

func spawn(n int, results chan<- int) {
	for i := 0; i < n; i++ {
		go func(i int) {
			select {
			case results <- i:
			case <-time.After(time.Second):
			}
		}(i)
	}
}
