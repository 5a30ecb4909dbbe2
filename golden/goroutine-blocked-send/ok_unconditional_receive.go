package golden

// The receive always happens: nothing can leave the function first.
func square(x int) int {
	ch := make(chan int)
	go func() {
		ch <- x * x
	}()
	return <-ch
}
