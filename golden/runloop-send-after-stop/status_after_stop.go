package golden

// The maintainers' shape: run closes done when it stops; Status sends bare.
type Status struct{ Count int }

type node struct {
	status chan chan Status
	stop   chan struct{}
	done   chan struct{}
	count  int
}

func (n *node) run() {
	for {
		select {
		case c := <-n.status:
			c <- Status{n.count}
		case <-n.stop:
			close(n.done)
			return
		}
	}
}

func (n *node) Status() Status {
	c := make(chan Status)
	n.status <- c // want "send on n.status blocks forever once the run loop in run \(line 15\) has returned"
	return <-c
}
