package golden

import "time"

var first time.Time

func init() {
	for now := range time.Tick(time.Millisecond) {
		first = now
		break
	}
}
