package golden

import "time"

// The continue leaves the iteration before its end: an explicit Stop there would be
// skipped, so the finding has no fix.
func firstTick(ds []time.Duration) time.Time {
	for _, d := range ds {
		t := time.NewTicker(d) // want "ticker `t` from time.NewTicker is never stopped; under go 1.21.*never collected"
		if d > time.Second {
			continue
		}
		return <-t.C
	}
	return time.Time{}
}
