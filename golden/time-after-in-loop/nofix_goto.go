package golden

import "time"

func retry(in <-chan int) int {
	tries := 0
again:
	tries++
	for i := 0; i < 3; i++ {
		select {
		case v := <-in:
			return v
		case <-time.After(time.Second): // want "time.After"
		}
	}
	if tries < 3 {
		goto again
	}
	return -1
}
