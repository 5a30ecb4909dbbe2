package golden

import "time"

func grow(in <-chan int) {
	for attempt := 1; attempt < 5; attempt++ {
		wait := time.Duration(attempt) * time.Second
		select {
		case <-in:
		case <-time.After(wait): // want "time.After"
		}
	}
}
