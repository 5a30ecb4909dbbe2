package golden

import "time"

func closure(d time.Duration) time.Time {
	t := time.NewTicker(d)
	defer func() {
		t.Stop()
	}()
	return <-t.C
}
