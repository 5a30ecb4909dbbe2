package golden

func firstDouble(xs []int, extra int) int {
	ch := make(chan int) // want "only the first value is received"
	xs = append(xs, extra)
	for _, x := range xs {
		go func() { ch <- 2 * x }()
	}
	return <-ch
}
