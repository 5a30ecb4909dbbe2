package golden

import "time"

func relay(in <-chan int, out chan<- int) {
	for {
		select {
		case v := <-in: // forward
			out <- v
		case <-time.After(250 * time.Millisecond): // want "time.After"
			return
		}
		select {
		case <-in: // second chance
		case <-time.After(100 * time.Millisecond): // want "time.After"
		}
	}
}
