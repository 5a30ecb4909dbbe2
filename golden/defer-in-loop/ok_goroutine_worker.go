package golden

import "sync"

// Each goroutine defers once, outside its own loop.
func workers(n int, jobs <-chan int, out chan<- int) {
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				out <- j * j
			}
		}()
	}
	wg.Wait()
}
