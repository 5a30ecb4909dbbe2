package golden

import tm "time"

func waitAll(in <-chan string, quit <-chan struct{}) int {
	n := 0
	for {
		select {
		case <-in:
			n++
		case <-quit:
			return n
		case <-tm.After(500 * tm.Millisecond): // want "time.After"
			return n
		}
	}
}
