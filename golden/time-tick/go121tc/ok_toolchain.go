package golden

import "time"

// go 1.21 with toolchain go1.27: every program gets collectable tickers.
func pollUntil(ready func() bool) {
	for range time.Tick(time.Second) {
		if ready() {
			return
		}
	}
}
