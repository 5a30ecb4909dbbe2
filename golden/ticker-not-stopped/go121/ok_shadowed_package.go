package golden

import "time"

type clock struct{}

func (clock) NewTicker(d int) chan int { return make(chan int, d) }

func shadowed() int {
	time := clock{}
	c := time.NewTicker(1)
	return cap(c)
}

func real() time.Duration { return time.Second }
