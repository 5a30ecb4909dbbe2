package golden

import "sync"

// The loop only looks for the first match and stops there.
func lockFirstFree(mus []*sync.Mutex, busy func(int) bool, f func()) {
	for i, mu := range mus {
		if busy(i) {
			continue
		}
		mu.Lock()
		defer mu.Unlock()
		break
	}
	f()
}
