package golden

import "errors"

func compute(input []int) (int, error) {
	sum := make(chan int) // want "the function can return at line 13 before receiving"
	go func() {
		sum <- total(input)
	}()

	if len(input) == 0 {
		// The goroutine is already running and nobody will receive its sum.
		return 0, errors.New("empty input")
	}
	return <-sum, nil
}

func total(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}
