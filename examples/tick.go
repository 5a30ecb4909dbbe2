package leaky

import "time"

// WaitReady polls ready every 100ms; the ticker behind time.Tick outlives
// the call: time-tick.
func WaitReady(ready func() bool) {
	for range time.Tick(100 * time.Millisecond) {
		if ready() {
			return
		}
	}
}
