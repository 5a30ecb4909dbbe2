package golden

// One value into a buffer of one: the goroutine never blocks.
func future() <-chan int {
	out := make(chan int, 1)
	go func() { out <- answer() }()
	return out
}

func answer() int { return 42 }
