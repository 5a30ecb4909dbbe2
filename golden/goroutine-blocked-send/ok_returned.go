package golden

// The caller owns the channel and receives from it.
func async(x int) <-chan int {
	ch := make(chan int)
	go func() {
		ch <- x + 1
	}()
	return ch
}
