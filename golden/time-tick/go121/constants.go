package golden

import "time"

// Constant durations known to be positive get a fix; others do not, because
// time.NewTicker panics on d <= 0 where time.Tick returns nil.
func positive() time.Time {
	for now := range time.Tick(time.Duration(3) * (time.Minute + 30*time.Second)) { // want "time.Tick makes a ticker that can never be stopped; under go 1.21.*leaks once the function returns"
		return now
	}
	return time.Time{}
}

func zero() time.Time {
	for now := range time.Tick(time.Duration(0)) { // want "time.Tick makes a ticker that can never be stopped; under go 1.21.*leaks once the function returns"
		return now
	}
	return time.Time{}
}

func truncated() time.Time {
	for now := range time.Tick(1 / 2 * time.Second) { // want "time.Tick makes a ticker that can never be stopped; under go 1.21.*leaks once the function returns"
		return now
	}
	return time.Time{}
}
