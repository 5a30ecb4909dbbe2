package golden

// xs grows through p after the channel is made.
func viaPtr(xs []int) int {
	p := &xs
	ch := make(chan int) // want "only the first value is received"
	*p = append(*p, 1, 2, 3)
	for _, x := range xs {
		go func() { ch <- x }()
	}
	return <-ch
}
