package golden

import "time"

func twoPhases(in <-chan int, d time.Duration) {
	for i := 0; i < 3; i++ {
		select {
		case <-in:
		case <-time.After(d): // want "time.After"
		}
	}
	for i := 0; i < 3; i++ {
		select {
		case <-in:
		case <-time.After(d): // want "time.After"
		}
	}
}
