package golden

import "log"

// The function can return before it reaches log.Fatal: the goroutine then waits forever.
func serve(xs []int) {
	events := make(chan int)
	go func() { // want "goroutine ranging over channel events blocks forever: nothing closes events"
		for e := range events {
			handle(e)
		}
	}()
	for _, x := range xs {
		if x < 0 {
			return
		}
		events <- x
	}
	log.Fatal("stopped")
}

func handle(int) {}
