package golden

import "sync"

type server struct {
	mu    sync.Mutex
	conns chan string
	quit  chan struct{}
}

// The defer is registered once: its case returns.
func (s *server) handleOne() string {
	for {
		select {
		case c := <-s.conns:
			s.mu.Lock()
			defer s.mu.Unlock()
			return c
		case <-s.quit:
			return ""
		}
	}
}
