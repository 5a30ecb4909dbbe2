package golden

import "time"

func keep(c <-chan time.Time) {
	for t := range c {
		_ = t
	}
}
