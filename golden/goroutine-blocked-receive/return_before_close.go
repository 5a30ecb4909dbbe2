package golden

import "errors"

var errNegative = errors.New("negative job")

// The early return skips close(jobs): the worker then waits forever.
func process(xs []int) error {
	jobs := make(chan int)
	go func() { // want "goroutine ranging over channel jobs blocks forever when the function returns at line 17: jobs is closed only after it"
		for j := range jobs {
			handle(j)
		}
	}()
	for _, x := range xs {
		if x < 0 {
			return errNegative
		}
		jobs <- x
	}
	close(jobs)
	return nil
}

func handle(int) {}
