package golden

import "errors"

// The return is on the branch that never starts the goroutine.
func maybe(ok bool) (int, error) {
	ch := make(chan int)
	if ok {
		go func() { ch <- 1 }()
	} else {
		return 0, errors.New("not ok")
	}
	return <-ch, nil
}
