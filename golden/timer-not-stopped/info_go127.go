package golden

import "time"

// From go 1.23 an unreferenced timer is collected: info only.
func wait(d time.Duration, done <-chan struct{}) bool {
	t := time.NewTimer(d) // want "timer `t` from time.NewTimer is not stopped on every path: it leaks at the return on line 10; under go 1.27 an unreferenced timer is collected"
	select {
	case <-done:
		return true
	case <-t.C:
		return false
	}
}
