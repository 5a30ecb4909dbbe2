package golden

import "errors"

// The close sits in one branch: the other returns with the workers still ranging.
func process(items []int, strict bool) error {
	jobs := make(chan int)
	for range 2 {
		go func() { // want "goroutine ranging over channel jobs blocks forever when the function leaves at the return on line 21: jobs is not closed on that path"
			for j := range jobs {
				_ = j
			}
		}()
	}
	for _, it := range items {
		jobs <- it
	}
	if !strict {
		close(jobs)
	} else {
		return errors.New("strict mode")
	}
	return nil
}
