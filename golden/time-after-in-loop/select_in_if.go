package golden

import "time"

func pump(in <-chan int, out chan<- int, slow bool) {
	for v := range in {
		if slow {
			switch {
			case v > 0:
				select {
				case out <- v:
				case <-time.After(2 * time.Second): // want "time.After"
				}
			default:
			}
		}
	}
}
