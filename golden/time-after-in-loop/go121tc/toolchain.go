package golden

import "time"

// The module says go 1.21 but needs toolchain go1.27, which has no old timers.
func pinned(in <-chan int) {
	for {
		select {
		case <-in:
		case <-time.After(time.Second):
			return
		}
	}
}
