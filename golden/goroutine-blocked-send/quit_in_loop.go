package golden

import (
	"log"
	"time"
)

// The ticker case only logs, but the quit case leaves the loop without receiving.
func await(quit <-chan struct{}) int {
	res := make(chan int) // want "select at line 17 can take another case"
	go func() {
		res <- expensive()
	}()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case v := <-res:
			return v
		case <-tick.C:
			log.Print("still waiting")
		case <-quit:
			return -1
		}
	}
}

func expensive() int { return 42 }
