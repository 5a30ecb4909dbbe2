package golden

// Only one of the goroutines ever starts, and its value is received.
func branches(fast bool) int {
	ch := make(chan int)
	if fast {
		go func() { ch <- 1 }()
	} else {
		go func() { ch <- 2 }()
	}
	return <-ch
}

func pick(k int) int {
	ch := make(chan int)
	switch k {
	case 0:
		go func() { ch <- 1 }()
	case 1:
		go func() { ch <- 2 }()
	default:
		go func() { ch <- 3 }()
	}
	return <-ch
}
