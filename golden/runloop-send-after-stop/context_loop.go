package golden

import "context"

// The type holds the context its loop watches; the receive gives up with it.
type ticker struct {
	ctx   context.Context
	ticks chan int
}

func (t *ticker) loop() {
	n := 0
	for {
		select {
		case t.ticks <- n:
			n++
		case <-t.ctx.Done():
			return
		}
	}
}

func (t *ticker) Next() int {
	return <-t.ticks // want "receive from t.ticks blocks forever once the run loop in loop"
}
