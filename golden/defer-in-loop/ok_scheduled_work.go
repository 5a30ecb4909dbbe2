package golden

import "time"

// Each timer runs its function later: stopping it at the end of the iteration would cancel
// the work it was made for. The defer cancels whatever has not run when the function returns.
func staggered(delays []time.Duration, dial func(int), wait func()) {
	for i, d := range delays {
		timer := time.AfterFunc(d, func() { dial(i) })
		defer timer.Stop()
	}
	wait()
}

type watcher struct{}

func (w *watcher) Close() error { return nil }

func watch(path string, onChange func()) *watcher { return &watcher{} }

// A call given a func literal registers a callback that may run after the iteration.
func watchAll(paths []string, wait func()) {
	for _, p := range paths {
		w := watch(p, func() { println(p) })
		defer w.Close()
	}
	wait()
}
