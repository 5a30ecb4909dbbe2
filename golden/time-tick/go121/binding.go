package golden

import (
	"fmt"
	"time"
)

func throttle(jobs []string) {
	limiter := time.Tick(time.Second / 5) // want "time.Tick makes a ticker that can never be stopped; under go 1.21.*leaks once the function returns"
	for _, j := range jobs {
		<-limiter
		fmt.Println(j)
	}
}
