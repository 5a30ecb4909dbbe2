package leaky

import (
	"log"
	"time"
)

// Heartbeat logs every period until done is closed; its ticker is never
// stopped: ticker-not-stopped.
func Heartbeat(period time.Duration, done <-chan struct{}) {
	ticker := time.NewTicker(period)
	for {
		select {
		case <-ticker.C:
			log.Println("alive")
		case <-done:
			return
		}
	}
}
