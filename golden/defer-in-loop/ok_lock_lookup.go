package golden

import "sync"

type store struct{ locks map[string]*sync.Mutex }

func (s *store) lockFor(k string) *sync.Mutex { return s.locks[k] }

// Lock every key, then work with all of them held: the unlocks are meant to wait.
func (s *store) updateAll(keys []string, f func()) {
	for _, k := range keys {
		mu := s.lockFor(k)
		mu.Lock()
		defer mu.Unlock()
	}
	f()
}
