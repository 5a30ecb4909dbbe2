package golden

import (
	"errors"
	"sync"
)

// Receiving stops at the first error, and the rest is drained afterwards.
func firstErrDrain(xs []int) error {
	errc := make(chan error)
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errc <- do(x)
		}()
	}
	go func() {
		wg.Wait()
		close(errc)
	}()
	var first error
	for err := range errc {
		if err != nil {
			first = err
			break
		}
	}
	for range errc {
	}
	return first
}

// The remaining values are received by a counted loop before the break.
func firstErrCount(xs []int) error {
	errc := make(chan error)
	for _, x := range xs {
		go func() { errc <- do(x) }()
	}
	var first error
	for i := range len(xs) {
		if err := <-errc; err != nil {
			first = err
			for range len(xs) - i - 1 {
				<-errc
			}
			break
		}
	}
	return first
}

func do(x int) error {
	if x < 0 {
		return errors.New("negative")
	}
	return nil
}
