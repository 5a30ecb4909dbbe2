package golden

// The loop returns on stop but closes nothing a caller could wait on: reported, no fix.
type counter struct {
	incs chan int
	stop chan struct{}
	n    int
}

func (c *counter) run() {
	for {
		select {
		case d := <-c.incs:
			c.n += d
		case <-c.stop:
			return
		}
	}
}

func (c *counter) Inc() {
	c.incs <- 1 // want "send on c.incs blocks forever"
}
