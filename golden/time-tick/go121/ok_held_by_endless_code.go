package golden

import "time"

// The channel is used only by a goroutine that never returns: the ticker lives exactly as
// long as that goroutine, whatever the function that made it does.
func startBeat(beat func()) {
	tick := time.Tick(time.Second)
	go func() {
		for range tick {
			beat()
		}
	}()
}

// The same with a select loop that never ends.
func startPoll(in <-chan int, poll func(int)) {
	tick := time.Tick(time.Second)
	go func() {
		last := 0
		for {
			select {
			case v := <-in:
				last = v
			case <-tick:
				poll(last)
			}
		}
	}()
}

// Handed to a goroutine's func literal that never returns.
func startHanded(beat func()) {
	go func(c <-chan time.Time) {
		for range c {
			beat()
		}
	}(time.Tick(time.Second))
}

// Handed to a function of the package that never returns.
func startWorker(beat func()) {
	go watch(time.Tick(time.Minute), beat)
}

func watch(c <-chan time.Time, beat func()) {
	for {
		<-c
		beat()
	}
}

// Bound first, then handed to a function in another file of the package.
func startKeeper() {
	c := time.Tick(time.Hour)
	go keep(c)
}

type pinger struct{ beat func() }

// Handed to a method of a type of the package that never returns.
func (p *pinger) start() {
	go p.loop(time.Tick(time.Second))
}

func (p *pinger) loop(c <-chan time.Time) {
	for range c {
		p.beat()
	}
}
