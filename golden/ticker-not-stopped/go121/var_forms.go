package golden

import "time"

func waitTwice(d time.Duration) {
	var t = time.NewTicker(d) // want "ticker `t` from time.NewTicker is never stopped; under go 1.21.*never collected"
	<-t.C
	<-t.C
}

func assigned(d time.Duration) time.Time {
	var t *time.Ticker
	t = time.NewTicker(d) // want "ticker `t` from time.NewTicker is never stopped; under go 1.21.*never collected"
	return <-t.C
}
