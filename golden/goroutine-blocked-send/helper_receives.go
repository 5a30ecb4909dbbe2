package golden

// The value is taken by a helper, but only on the path that gets that far.
func firstOrNothing(skip bool) int {
	c := make(chan int) // want "the function can return at line 8 before receiving"
	go func() { c <- 1 }()
	if skip {
		return 0
	}
	return take(c)
}

func take(c chan int) int { return <-c }
