package golden

import "time"

// time.Tick and time.NewTicker(d).C in one function: each fix names a new ticker, and the
// two names must differ.
func tickMix(ready func() bool) {
	for range time.Tick(time.Second) { // want "time.Tick makes a ticker"
		if ready() {
			break
		}
	}
	for range time.NewTicker(time.Second).C { // want "NewTicker.*C makes a ticker"
		if ready() {
			return
		}
	}
}
