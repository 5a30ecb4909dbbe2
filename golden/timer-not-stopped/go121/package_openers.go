package golden

import "time"

// deadline hands back the timer time.NewTimer made: an opener.
func deadline(d time.Duration) *time.Timer {
	return time.NewTimer(d)
}

// Returning on a value leaves the opener's timer running until it fires.
func await(values <-chan int, d time.Duration) (int, bool) {
	t := deadline(d) // want "timer `t` from deadline \(which returns the timer from time.NewTimer\) is not stopped on every path: it leaks at the return on line 15"
	select {
	case v := <-values:
		return v, true
	case <-t.C:
		return 0, false
	}
}
