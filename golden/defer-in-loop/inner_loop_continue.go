package golden

import "sync"

type shard struct {
	mu    sync.Mutex
	items []int
}

func newLock() *sync.Mutex { return new(sync.Mutex) }

// The continue belongs to the inner loop.
func sumPositive(shards []*shard) int {
	total := 0
	for _, s := range shards {
		l := newLock()
		l.Lock()
		defer l.Unlock() // want "defer in a loop: l.Unlock\(\)"
		for _, v := range s.items {
			if v < 0 {
				continue
			}
			total += v
		}
	}
	return total
}
