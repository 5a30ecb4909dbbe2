package golden

import "time"

// From go 1.23 an unreferenced ticker is collected: time.Tick is fine.
func pollUntil(ready func() bool) {
	for range time.Tick(time.Second) {
		if ready() {
			return
		}
	}
}
