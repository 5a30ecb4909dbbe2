package golden

import "sync"

// The labeled break leaves both loops right after the defer.
func lockFirst(groups [][]*sync.Mutex, f func()) {
outer:
	for _, g := range groups {
		for _, mu := range g {
			if mu.TryLock() {
				defer mu.Unlock()
				break outer
			}
		}
	}
	f()
}
