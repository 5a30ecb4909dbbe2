package leaky

import (
	"log"
	"time"
)

// Poll handles messages until none arrives for idle.
func Poll(messages <-chan string, idle time.Duration) {
	for {
		select {
		case msg := <-messages:
			log.Println(msg)
		case <-time.After(idle):
			log.Println("idle, stopping")
			return
		}
	}
}
