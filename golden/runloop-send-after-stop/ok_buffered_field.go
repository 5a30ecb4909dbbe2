package golden

// The field gets a buffer: the sender only waits when it is full, which the code
// around it may rule out, so nothing is said.
type writer struct {
	reqs chan int
	stop chan struct{}
	done chan struct{}
}

func newWriter() *writer {
	return &writer{reqs: make(chan int, 1), stop: make(chan struct{}), done: make(chan struct{})}
}

func (w *writer) loop() {
	defer close(w.done)
	for {
		select {
		case <-w.reqs:
		case <-w.stop:
			return
		}
	}
}

func (w *writer) write(r int) {
	w.reqs <- r
}
