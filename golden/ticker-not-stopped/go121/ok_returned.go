package golden

import "time"

func newTicker(d time.Duration) *time.Ticker {
	t := time.NewTicker(d)
	return t
}
