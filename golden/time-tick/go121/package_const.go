package golden

import "time"

const local = 2 * period

// Constants of the package, declared in this file or another one, are constant durations
// known to be positive: the fix is safe.
func everyPeriod(f func() bool) {
	for range time.Tick(period) { // want "time.Tick makes a ticker that can never be stopped; under go 1.21.*leaks once the function returns"
		if f() {
			return
		}
	}
}

func everyLocal(f func() bool) {
	const scale = 3
	for range time.Tick(scale * local) { // want "time.Tick makes a ticker that can never be stopped; under go 1.21.*leaks once the function returns"
		if f() {
			return
		}
	}
}

// A package variable may change: unsafe, like any other duration not known to be positive.
func everyVar(f func() bool) {
	for range time.Tick(interval) { // want "time.Tick makes a ticker that can never be stopped; under go 1.21.*the fix is unsafe: `interval` is not a constant known to be positive"
		if f() {
			return
		}
	}
}

var interval = time.Second
