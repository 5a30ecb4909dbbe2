package golden

import "time"

func modern(in <-chan int) {
	for {
		select {
		case <-in:
		case <-time.After(time.Second):
			return
		}
	}
}
