package golden

import "time"

// go 1.21 built by toolchain go1.27: timers are collected, so this is info (hidden).
func toolchain(d time.Duration) time.Time {
	t := time.NewTicker(d)
	return <-t.C
}
