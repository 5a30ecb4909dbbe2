package golden

import (
	"log"
	"time"
)

// Every other case goes round the loop again, so the value is always received.
func await() int {
	res := make(chan int)
	go func() {
		res <- 42
	}()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case v := <-res:
			return v
		case <-tick.C:
			log.Print("still waiting")
		}
	}
}
