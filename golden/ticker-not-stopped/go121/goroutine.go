package golden

import (
	"fmt"
	"time"
)

func background(d time.Duration, stop <-chan struct{}) {
	t := time.NewTicker(d) // want "ticker `t` from time.NewTicker is never stopped; under go 1.21.*never collected"
	go func() {
		for {
			select {
			case <-t.C:
				fmt.Println("tick")
			case <-stop:
				return
			}
		}
	}()
}
