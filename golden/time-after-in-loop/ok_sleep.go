package golden

import "time"

func poll(check func() bool) {
	for !check() {
		<-time.After(10 * time.Millisecond)
	}
}
