package golden

import "time"

// It fires before the function returns: nothing is left to stop.
func pause(d time.Duration) {
	t := time.NewTimer(d)
	<-t.C
}

// Stopped on the way out.
func deadline(d time.Duration, done <-chan struct{}) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-done:
		return true
	case <-t.C:
		return false
	}
}
