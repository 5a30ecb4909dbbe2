package golden

import (
	"errors"
	"testing"
)

// The test can fail before it receives: the goroutine then blocks for ever.
func TestAnswer(t *testing.T) {
	answer := make(chan int) // want "the goroutine started at line 11 can block forever sending on unbuffered channel answer: the function can leave at the `t.Fatalf` on line 15 before receiving; only a test that has already failed leaves it behind"
	go func() {
		answer <- lookup()
	}()
	if err := check(); err != nil {
		t.Fatalf("check: %v", err)
	}
	if got := <-answer; got != 1 {
		t.Errorf("got %d", got)
	}
}

func lookup() int { return 1 }

func check() error { return errors.New("not ready") }
