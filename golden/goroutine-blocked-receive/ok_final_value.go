package golden

import "time"

func timed(f func()) time.Duration {
	start := make(chan time.Time)
	elapsed := make(chan time.Duration, 1)
	go func() {
		t := <-start
		f()
		elapsed <- time.Since(t)
	}()
	start <- time.Now()
	return <-elapsed
}
