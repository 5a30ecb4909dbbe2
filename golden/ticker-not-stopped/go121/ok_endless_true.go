package golden

import (
	"fmt"
	"time"
)

// `for true` with no way out never ends either.
func forever(d time.Duration) {
	t := time.NewTicker(d)
	for true {
		<-t.C
		fmt.Println("tick")
	}
}
