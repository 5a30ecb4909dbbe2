package golden

import (
	"log"
	"time"
)

// After the timeout the function still waits for the value: every path receives.
func slowButWaits(d time.Duration) int {
	out := make(chan int)
	go func() {
		out <- compute()
	}()
	select {
	case v := <-out:
		return v
	case <-time.After(d):
		log.Print("slow answer")
	}
	return <-out
}

func compute() int { return 42 }
