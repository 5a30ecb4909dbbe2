package golden

import (
	"fmt"
	"time"
)

// The function never returns: its ticker lives exactly as long as it does.
func report() {
	for now := range time.Tick(time.Minute) {
		fmt.Println(now)
	}
}
