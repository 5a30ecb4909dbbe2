package golden

import "time"

// Stopped on one branch only: the other path leaks it. A Stop after the if would stop
// it twice on the first path, so the fix is withheld.
func maybeStop(d time.Duration, stop bool) {
	t := time.NewTicker(d) // want "ticker `t` from time.NewTicker is not stopped on every path: it leaks at the end of the function on line 13"
	<-t.C
	if stop {
		t.Stop()
	}
}
