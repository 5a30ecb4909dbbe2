package golden

import "time"

// A new ticker on every pass of the loop: hoisting it would change when it ticks.
func drain(in <-chan int) int {
	n := 0
	for {
		select {
		case v := <-in:
			n += v
		case <-time.Tick(time.Second): // want "time.Tick makes a ticker that can never be stopped; under go 1.21.*leaks once the function returns"
			return n
		}
	}
}
