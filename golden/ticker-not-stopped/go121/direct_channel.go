package golden

import "time"

func waitN(n int) {
	i := 0
	for range time.NewTicker(time.Second).C { // want "NewTicker.*C makes a ticker that can never be stopped"
		i++
		if i == n {
			return
		}
	}
}
