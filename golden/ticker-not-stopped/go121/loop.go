package golden

import "time"

func sample(n int, d time.Duration) []time.Time {
	var out []time.Time
	for i := 0; i < n; i++ {
		t := time.NewTicker(d) // want "ticker `t` from time.NewTicker is never stopped; under go 1.21.*never collected"
		out = append(out, <-t.C)
	}
	return out
}
