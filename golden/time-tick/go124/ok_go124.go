package golden

import "time"

// From go 1.23 the Go team says time.Tick is fine wherever time.NewTicker would be.
func throttle(jobs []string, run func(string)) {
	limiter := time.Tick(time.Second)
	for _, j := range jobs {
		<-limiter
		run(j)
	}
}
