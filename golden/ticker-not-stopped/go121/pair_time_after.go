package golden

import (
	"fmt"
	"time"
)

// A ticker and a time.After in one loop: both fixes insert lines before the loop and
// must compose.
func relay(in <-chan int, d time.Duration) {
	t := time.NewTicker(d) // want "ticker `t` from time.NewTicker is never stopped"
	for {
		select {
		case v := <-in:
			fmt.Println(v)
		case <-t.C:
			fmt.Println("tick")
		case <-time.After(time.Minute): // want "time.After in a select inside a loop"
			return
		}
	}
}
