package golden

import "time"

// The goroutine holding the channel can return: the ticker leaks after it does.
func startUntil(done <-chan struct{}, beat func()) {
	tick := time.Tick(time.Second) // want "time.Tick makes a ticker that can never be stopped; under go 1.21.*leaks once the function returns"
	go func() {
		for {
			select {
			case <-tick:
				beat()
			case <-done:
				return
			}
		}
	}()
}

// Handed to a function that returns after one tick.
func waitOnce() {
	go once(time.Tick(time.Second)) // want "time.Tick makes a ticker that can never be stopped; under go 1.21.*leaks once the function returns"
}

func once(c <-chan time.Time) {
	<-c
}

// The endless goroutine is not the only user: the function reads the channel too.
func startShared(beat func()) {
	tick := time.Tick(time.Second) // want "time.Tick makes a ticker that can never be stopped; under go 1.21.*leaks once the function returns"
	go func() {
		for range tick {
			beat()
		}
	}()
	<-tick
}

// A func literal stored, not run where it stands: nothing says it runs at all.
func stored(beat func()) func() {
	tick := time.Tick(time.Second) // want "time.Tick makes a ticker that can never be stopped; under go 1.21.*leaks once the function returns"
	return func() {
		for range tick {
			beat()
		}
	}
}

type poller struct{ done chan struct{} }

// Handed to a method that returns once done is closed.
func (p *poller) start() {
	go p.loop(time.Tick(time.Second)) // want "time.Tick makes a ticker that can never be stopped; under go 1.21.*leaks once the function returns"
}

func (p *poller) loop(c <-chan time.Time) {
	for {
		select {
		case <-c:
		case <-p.done:
			return
		}
	}
}
