package golden

import stdtime "time"

type clock struct{}

func (clock) After(d stdtime.Duration) <-chan stdtime.Time { return stdtime.After(d) }

func fake(in <-chan int, time clock) {
	for {
		select {
		case <-in:
		case <-time.After(stdtime.Second):
			return
		}
	}
}
