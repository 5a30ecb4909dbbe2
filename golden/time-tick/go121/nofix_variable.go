package golden

import "time"

// d may be zero or negative: time.NewTicker would panic where time.Tick returns nil.
func every(d time.Duration, f func() bool) {
	for range time.Tick(d) { // want "time.Tick makes a ticker that can never be stopped; under go 1.21.*leaks once the function returns"
		if f() {
			return
		}
	}
}
