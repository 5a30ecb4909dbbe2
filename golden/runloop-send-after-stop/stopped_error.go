package golden

import "errors"

var errClosed = errors.New("queue closed")

// The loop closes done with a deferred call; Push already has a "closed" error.
type queue struct {
	items chan int
	quit  chan struct{}
	done  chan struct{}
	total int
}

func (q *queue) serve() {
	defer close(q.done)
	for {
		select {
		case v := <-q.items:
			q.total += v
		case <-q.quit:
			return
		}
	}
}

func (q *queue) Push(v int) error {
	if v < 0 {
		return errClosed
	}
	q.items <- v // want "send on q.items blocks forever once the run loop in serve"
	return nil
}
