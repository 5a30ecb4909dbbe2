package golden

import (
	"fmt"
	"time"
)

// The goroutine stops its ticker on one way out and not on the other.
func watch(d time.Duration, done, quit <-chan struct{}) {
	go func() {
		t := time.NewTicker(d) // want "ticker `t` from time.NewTicker is not stopped on every path: it leaks at the return on line 20"
		for {
			select {
			case <-t.C:
				fmt.Println("tick")
			case <-done:
				t.Stop()
				return
			case <-quit:
				return
			}
		}
	}()
}
