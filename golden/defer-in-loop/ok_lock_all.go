package golden

import "sync"

// Locks every mutex, on purpose, until the function returns.
func withAll(mus []*sync.Mutex, f func()) {
	for _, mu := range mus {
		mu.Lock()
		defer mu.Unlock()
	}
	f()
}
