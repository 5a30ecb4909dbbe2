package golden

import "time"

func backoffShift(xs []int, n int, ch <-chan int) {
	for range xs {
		select {
		case <-ch:
		case <-time.After(time.Second << n): // want "time.After.*the fix is unsafe: .*may shift by a negative count there"
		}
	}
}
