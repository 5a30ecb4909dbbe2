package golden

// Callers already select on done: nothing blocks after the loop returns.
type server struct {
	reqs chan int
	stop chan struct{}
	done chan struct{}
}

func (s *server) run() {
	defer close(s.done)
	for {
		select {
		case <-s.reqs:
		case <-s.stop:
			return
		}
	}
}

func (s *server) Submit(r int) bool {
	select {
	case s.reqs <- r:
		return true
	case <-s.done:
		return false
	}
}
