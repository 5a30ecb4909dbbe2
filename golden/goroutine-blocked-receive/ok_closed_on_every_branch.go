package golden

import "errors"

// Closed on both branches before either returns.
func process(items []int, strict bool) error {
	jobs := make(chan int)
	go func() {
		for j := range jobs {
			_ = j
		}
	}()
	for _, it := range items {
		jobs <- it
	}
	if strict {
		close(jobs)
		return errors.New("strict mode")
	}
	close(jobs)
	return nil
}
