package golden

import clock "time"

func sleepTwice() {
	c := clock.Tick(clock.Millisecond) // want "time.Tick makes a ticker"
	<-c
	<-c
}
