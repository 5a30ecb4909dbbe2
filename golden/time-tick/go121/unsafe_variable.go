package golden

import "time"

// d may be zero or negative: time.NewTicker would panic where time.Tick returns nil, so
// the fix is unsafe (applied only with --unsafe-fixes).
func every(d time.Duration, f func() bool) {
	for range time.Tick(d) { // want "time.Tick makes a ticker that can never be stopped; under go 1.21.*leaks once the function returns; the fix is unsafe: `d` is not a constant known to be positive, and time.NewTicker panics on a duration <= 0 where time.Tick returns nil"
		if f() {
			return
		}
	}
}
