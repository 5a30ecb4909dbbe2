package golden

func sum(xs []int) int {
	ch := make(chan int)
	for _, x := range xs {
		go func() { ch <- x * 2 }()
	}
	total := 0
	for range xs {
		total += <-ch
	}
	return total
}
