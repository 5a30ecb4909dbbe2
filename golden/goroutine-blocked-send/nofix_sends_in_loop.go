package golden

// A producer sending one value per item: once the caller stops at `stop`, the producer
// blocks forever. No buffer size is known to be enough, so no fix.
func produce(n int, stop <-chan struct{}) []int {
	ch := make(chan int) // want "goroutine started at line 7 can block forever sending on unbuffered channel ch: the function can return at line 18"
	go func() {
		for i := range n {
			ch <- i
		}
		close(ch)
	}()
	var out []int
	for v := range ch {
		out = append(out, v)
		select {
		case <-stop:
			return out
		default:
		}
	}
	return out
}
