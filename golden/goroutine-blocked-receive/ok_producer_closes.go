package golden

import "sync"

func pipeline(n int) int {
	nums := make(chan int)
	go func() {
		defer close(nums)
		for i := range n {
			nums <- i
		}
	}()
	var wg sync.WaitGroup
	total := 0
	wg.Add(1)
	go func() {
		defer wg.Done()
		for v := range nums {
			total += v
		}
	}()
	wg.Wait()
	return total
}
