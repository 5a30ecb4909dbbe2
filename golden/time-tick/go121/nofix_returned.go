package golden

import "time"

func ticks() <-chan time.Time {
	return time.Tick(time.Second) // want "time.Tick makes a ticker that can never be stopped; under go 1.21.*leaks once the function returns"
}

func handOff(use func(<-chan time.Time)) {
	c := time.Tick(time.Second) // want "time.Tick makes a ticker that can never be stopped; under go 1.21.*leaks once the function returns"
	use(c)
}
