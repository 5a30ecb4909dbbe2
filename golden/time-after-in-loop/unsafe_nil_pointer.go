package golden

import "time"

type config struct{ Timeout time.Duration }

func watchConfig(c *config, in <-chan int) {
	for c != nil {
		select {
		case <-in:
		case <-time.After(c.Timeout): // want "time.After.*the fix is unsafe: the duration is also evaluated before the loop, where .*may be a nil pointer there"
			return
		}
	}
}
