package golden

import "os"

// The defer sits in a loop inside a select case; the break leaves that loop.
func openUntilMissing(ready <-chan struct{}, names []string) int {
	opened := 0
	select {
	case <-ready:
		for _, name := range names {
			f, err := os.Open(name)
			if err != nil {
				break
			}
			defer f.Close() // want "defer in a loop: f.Close\(\)"
			opened++
		}
	default:
	}
	return opened
}
