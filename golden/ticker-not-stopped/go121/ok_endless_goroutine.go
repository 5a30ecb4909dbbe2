package golden

import (
	"fmt"
	"os"
	"time"
)

// Only a goroutine that never returns uses the ticker: it lives as long as the goroutine.
func probe(d time.Duration) {
	ticker := time.NewTicker(d)
	go func() {
		for range ticker.C {
			if _, err := fmt.Fprintln(os.Stderr, "ok"); err != nil {
				os.Exit(1)
			}
		}
	}()
}
