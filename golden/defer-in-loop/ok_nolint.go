package golden

import "sync"

// Holding every lock until the end is intended here.
func lockAll(mus []*sync.Mutex, f func()) {
	for _, mu := range mus {
		mu.Lock()
		defer mu.Unlock() //nolint:gofixleak // released together on purpose
	}
	f()
}
