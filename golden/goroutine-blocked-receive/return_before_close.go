package golden

import "errors"

var errNegative = errors.New("negative job")

// The early return skips close(jobs): the worker then waits forever.
func process(xs []int) error {
	jobs := make(chan int)
	go func() { // want "goroutine ranging over channel jobs blocks forever when the function leaves at the return on line 17: jobs is not closed on that path"
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
