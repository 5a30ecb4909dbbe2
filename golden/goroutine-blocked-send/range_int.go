package golden

import "errors"

func tryAll(n int) error {
	errc := make(chan error) // want "goroutines started in the loop at line 7"
	for i := range n {
		go func() { errc <- attempt(i) }()
	}
	for range n {
		if err := <-errc; err == nil {
			return nil
		}
	}
	return errors.New("every attempt failed")
}

func attempt(i int) error {
	if i%2 == 0 {
		return errors.New("even")
	}
	return nil
}
