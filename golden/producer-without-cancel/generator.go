package golden

// A generator with no way to stop it: a caller that breaks early leaks the goroutine.
func numbers(n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := range n {
			out <- i // want "the goroutine feeding out, which numbers returns, blocks forever on this send once the caller stops reading"
		}
	}()
	return out
}
