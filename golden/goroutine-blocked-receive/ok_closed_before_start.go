package golden

// The channel is filled and closed before the worker starts ranging over it.
func drain(items []int) int {
	work := make(chan int, len(items))
	for _, it := range items {
		work <- it
	}
	close(work)
	done := make(chan int)
	go func() {
		n := 0
		for w := range work {
			n += w
		}
		done <- n
	}()
	return <-done
}
