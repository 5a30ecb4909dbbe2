package golden

import "log"

// Whoever receives the channel may close it.
func start(register func(chan<- string)) {
	ch := make(chan string)
	go func() {
		for s := range ch {
			log.Print(s)
		}
	}()
	register(ch)
}
