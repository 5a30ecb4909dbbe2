package golden

import (
	"fmt"
	"time"
)

func heartbeat(d time.Duration, done <-chan struct{}) {
	t := time.NewTicker(d) // want "ticker `t` from time.NewTicker is never stopped; under go 1.21.*never collected"
	for {
		select {
		case <-t.C:
			fmt.Println("beat")
		case <-done:
			return
		}
	}
}
