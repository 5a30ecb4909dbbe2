package golden

import "time"

// The module's go line is 1.24, but godebug asynctimerchan=1 restores the old timers.
func legacy(in <-chan int) {
	for {
		select {
		case <-in:
		case <-time.After(time.Second): // want "not collected until it fires"
			return
		}
	}
}
