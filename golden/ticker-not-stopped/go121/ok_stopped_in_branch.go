package golden

import "time"

// Stopped on one branch only: released anywhere counts (no path-sensitive analysis).
func maybeStop(d time.Duration, stop bool) {
	t := time.NewTicker(d)
	<-t.C
	if stop {
		t.Stop()
	}
}
