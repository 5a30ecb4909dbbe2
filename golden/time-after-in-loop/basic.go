package golden

import (
	"fmt"
	"time"
)

func consume(in <-chan int) {
	for {
		select {
		case v := <-in:
			fmt.Println(v)
		case <-time.After(time.Second): // want "time.After in a select inside a loop.*go 1.21.*not collected"
			fmt.Println("idle")
			return
		}
	}
}
