package golden

import (
	"fmt"
	"time"
)

// The function never returns, so the ticker lives exactly as long as it does.
func forever(d time.Duration) {
	t := time.NewTicker(d)
	for {
		<-t.C
		fmt.Println("tick")
	}
}

func rangeForever(d time.Duration) {
	t := time.NewTicker(d)
	for now := range t.C {
		fmt.Println(now)
	}
}
