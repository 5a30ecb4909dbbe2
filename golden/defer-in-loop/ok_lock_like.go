package golden

import "sync"

type guard struct{ mu sync.Mutex }

func (g *guard) lock() func() {
	g.mu.Lock()
	return g.mu.Unlock
}

func lookup(m map[string]*sync.Mutex, k string) *sync.Mutex { return m[k] }

// Each unlock function a call returned is held until the function returns, on purpose:
// wrapping the body would release every lock before the work that needs them.
func lockEach(gs []*guard, work func()) {
	for _, g := range gs {
		unlock := g.lock()
		defer unlock()
	}
	work()
}

// Unlock and RUnlock of a mutex the iteration looked up.
func lockKeys(m map[string]*sync.Mutex, keys []string, work func()) {
	for _, k := range keys {
		mu := lookup(m, k)
		mu.Lock()
		defer mu.Unlock()
	}
	work()
}

func readLockEach(ms []*sync.RWMutex, work func()) {
	for _, m := range ms {
		m.RLock()
		defer m.RUnlock()
	}
	work()
}

// A wait group's Done.
func doneEach(n int, wg *sync.WaitGroup) {
	for i := 0; i < n; i++ {
		wg.Add(1)
		defer wg.Done()
	}
}

type network struct{ writers map[string]int }

func (n *network) registerWriter(mac string)   { n.writers[mac]++ }
func (n *network) unregisterWriter(mac string) { n.writers[mac]-- }

func netFor(mac string) *network { return &network{writers: map[string]int{}} }

// Undoing a registration held for the rest of the function.
func serveMACs(macs []string, serve func()) {
	for _, mac := range macs {
		n := netFor(mac)
		n.registerWriter(mac)
		defer n.unregisterWriter(mac)
	}
	serve()
}

type pathLock struct{ path string }

func (l *pathLock) Stop() {}

func newLongLivedLock(path string) *pathLock { return &pathLock{path} }

// Locks acquired for every path and held while the function works: the loop does nothing
// with them but release them, so they are taken for what holding them does.
func renameLocked(paths []string, rename func()) {
	for _, p := range paths {
		l := newLongLivedLock(p)
		defer l.Stop()
	}
	rename()
}
