package golden

import (
	"fmt"
	"time"
)

func reportLoop(stats func() int) {
	tick := time.Tick(time.Second)
	for {
		<-tick
		fmt.Println(stats())
	}
}
