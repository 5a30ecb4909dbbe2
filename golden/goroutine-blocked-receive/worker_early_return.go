package golden

import "errors"

// The worker ranges until close, but the error return skips the close.
func processAll(items []string) error {
	jobs := make(chan string)
	go consumeAll(jobs) // want "goroutine running consumeAll, which ranges over channel jobs blocks forever when the function leaves at the return on line 11"
	for _, it := range items {
		if it == "" {
			return errors.New("empty item")
		}
		jobs <- it
	}
	close(jobs)
	return nil
}

func consumeAll(jobs chan string) {
	for j := range jobs {
		println(j)
	}
}
