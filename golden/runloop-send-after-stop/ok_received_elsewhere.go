package golden

// Another method drains the field too, so the loop is not its only reader.
type pool struct {
	work chan int
	stop chan struct{}
	done chan struct{}
}

func (p *pool) run() {
	for {
		select {
		case <-p.work:
		case <-p.stop:
			close(p.done)
			return
		}
	}
}

func (p *pool) Drain() {
	for {
		select {
		case <-p.work:
		default:
			return
		}
	}
}

func (p *pool) Add(w int) {
	p.work <- w
}
