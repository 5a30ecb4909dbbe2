package golden

import "time"

func drain(jobs <-chan func(), limit time.Duration) int {
	done := 0
loop:
	for {
		select {
		case job, ok := <-jobs:
			if !ok {
				break loop
			}
			job()
			done++
		case <-time.After(limit): // want "time.After"
			break loop
		}
	}
	return done
}
