package golden

import (
	"errors"
	"sync"
)

// The range would end when the closer runs, but the first error returns early.
func firstError(paths []string) error {
	errs := make(chan error) // want "goroutines started in the loop at line 12 .*return at line 25 before every value is received"
	var wg sync.WaitGroup
	for _, p := range paths {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- check(p)
		}()
	}
	go func() {
		wg.Wait()
		close(errs)
	}()
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func check(path string) error {
	if path == "" {
		return errors.New("empty path")
	}
	return nil
}
