package golden

import "time"

func crlf(in <-chan int) {
	for {
		select {
		case <-in:
		case <-time.After(time.Second): // want "time.After"
			return
		}
	}
}
