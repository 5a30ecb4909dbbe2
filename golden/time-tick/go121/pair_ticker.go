package golden

import "time"

// time.Tick and time.NewTicker in one function: both insert lines at the same place and
// the new ticker's name must not collide.
func twoClocks(n int) {
	ticker := time.NewTicker(time.Second)    // want "ticker `ticker` from time.NewTicker is never stopped"
	fast := time.Tick(10 * time.Millisecond) // want "time.Tick makes a ticker"
	for i := 0; i < n; i++ {
		select {
		case <-ticker.C:
		case <-fast:
		}
	}
}
