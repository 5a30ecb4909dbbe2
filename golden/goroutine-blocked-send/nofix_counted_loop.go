package golden

func firstSquare(n int) int {
	ch := make(chan int) // want "only the first value is received"
	for i := 0; i < n; i++ {
		go func() { ch <- i * i }()
	}
	return <-ch
}
