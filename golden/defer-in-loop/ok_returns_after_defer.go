package golden

import "sync"

type entry struct {
	mu  sync.Mutex
	key string
	val int
}

// The loop returns right after the defer: it runs at most once per call.
func find(entries []*entry, key string) int {
	for _, e := range entries {
		if e.key == key {
			e.mu.Lock()
			defer e.mu.Unlock()
			return e.val
		}
	}
	return -1
}
