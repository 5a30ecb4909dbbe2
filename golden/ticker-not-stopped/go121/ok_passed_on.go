package golden

import "time"

// The channel goes to a goroutine and the ticker to a channel: someone else may stop it.
func handOff(d time.Duration, use func(<-chan time.Time)) {
	t := time.NewTicker(d)
	go use(t.C)
}

func send(d time.Duration, out chan<- *time.Ticker) {
	t := time.NewTicker(d)
	out <- t
}
