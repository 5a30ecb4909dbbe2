package golden

import "errors"

var errEmpty = errors.New("no jobs")

// The only early return comes before the worker starts; every later path closes jobs.
func process(xs []int) error {
	jobs := make(chan int)
	if len(xs) == 0 {
		return errEmpty
	}
	go func() {
		for j := range jobs {
			handle(j)
		}
	}()
	for _, x := range xs {
		jobs <- x
	}
	close(jobs)
	return nil
}

func handle(int) {}
