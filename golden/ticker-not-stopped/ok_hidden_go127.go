package golden

import "time"

// Under go 1.27 an unstopped ticker is only info, hidden by default.
func hidden(d time.Duration) time.Time {
	t := time.NewTicker(d)
	return <-t.C
}
