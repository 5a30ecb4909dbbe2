package golden

import "time"

type worker struct {
	limit time.Duration
	jobs  chan func()
}

// Something runs before the select: the duration would be evaluated earlier than it is.
func (w *worker) run(ready func() bool) {
	for {
		if !ready() {
			return
		}
		select {
		case job := <-w.jobs:
			job()
		case <-time.After(w.limit): // want "time.After.*the fix is unsafe: the duration is also evaluated before the loop, where `w.limit` reads through `w`"
			return
		}
	}
}

// The inner loop is not the first statement of the outer one.
func (w *worker) drain(rounds []int) {
	for {
		for range rounds {
			select {
			case job := <-w.jobs:
				job()
			case <-time.After(w.limit): // want "time.After.*the fix is unsafe"
				return
			}
		}
	}
}
