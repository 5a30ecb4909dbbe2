package golden

import "time"

func shown(d time.Duration) time.Time {
	t := time.NewTicker(d) // want "ticker `t` from time.NewTicker is never stopped; under go 1.27.*collected"
	return <-t.C
}
