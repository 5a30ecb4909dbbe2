package golden

import "sync"

// allDone closes only after every sender's deferred wg.Done, that is after every value
// was received: the select never gives up early, and a buffer would lose values.
func sum(xs []int) int {
	results := make(chan int)
	allDone := make(chan struct{})
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- x * x
		}()
	}
	go func() {
		wg.Wait()
		close(allDone)
	}()
	total := 0
	for {
		select {
		case r := <-results:
			total += r
		case <-allDone:
			return total
		}
	}
}
