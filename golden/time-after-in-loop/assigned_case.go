package golden

import (
	"log"
	"time"
)

func watch(events <-chan string, idle time.Duration) {
	for {
		select {
		case e := <-events:
			log.Print(e)
		case at := <-time.After(idle): // want "time.After"
			log.Printf("no events since %v", at)
		}
	}
}
