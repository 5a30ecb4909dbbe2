package golden

// A producer that sends many values is a different pattern (a buffer of 1 would not help).
func produce(n int, stop <-chan struct{}) []int {
	ch := make(chan int)
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
