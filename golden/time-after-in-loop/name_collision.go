package golden

import "time"

type timer struct{ fired int }

func tick(in <-chan int) timer {
	var t timer
	timer2 := 3
	for i := 0; i < timer2; i++ {
		select {
		case <-in:
		case <-time.After(time.Millisecond): // want "time.After"
			t.fired++
		}
	}
	return t
}
