package golden

import "time"

type server struct {
	timeout time.Duration
	in      chan int
}

// `s.timeout` panics if s is nil, but the select is the first statement of an endless
// loop: evaluated just before the loop, it is evaluated at the moment the select would.
func (s *server) serve() {
	for {
		select {
		case <-s.in:
		case <-time.After(s.timeout): // want "time.After"
			return
		}
	}
}

// The same through nested endless loops, each the first statement of the one around it.
func (s *server) nested() {
outer:
	for {
		for {
			// Comments do not count as statements.
			select {
			case v := <-s.in:
				if v < 0 {
					break outer
				}
			case <-time.After(s.timeout): // want "time.After"
				return
			}
		}
	}
}

const rate = 4

// A division by a package constant known not to be zero cannot panic.
func (s *server) quarter(in <-chan int) {
	for n := 0; n < 10; n++ {
		select {
		case <-in:
		case <-time.After(time.Second / rate): // want "time.After"
			return
		}
	}
}
