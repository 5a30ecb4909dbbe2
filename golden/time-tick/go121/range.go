package golden

import "time"

func pollUntil(ready func() bool) {
	for range time.Tick(500 * time.Millisecond) { // want "time.Tick makes a ticker that can never be stopped; under go 1.21.*leaks once the function returns"
		if ready() {
			return
		}
	}
}
