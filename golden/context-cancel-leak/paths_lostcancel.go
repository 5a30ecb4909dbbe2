package golden

import (
	"context"
	"log"
	"os"
	"testing"
	"time"
)

var flag bool
var mode int

// Canceled on one branch, then an explicit return.
func someBranch(parent context.Context) {
	_, cancel := context.WithCancel(parent) // want "not called on every path: the context leaks at the return on line 20"
	if flag {
		cancel()
	}
	return
}

// A counted loop can end, so the end of the function is reached uncanceled.
func countedLoop(parent context.Context) {
	_, cancel := context.WithDeadline(parent, time.Time{}) // want "context.WithDeadline is not called on every path: the context leaks at the end of the function on line 33"
	if flag {
		cancel()
	} else {
		for i := 0; i < 3; i++ {
			println(i)
		}
	}
}

// Without fallthrough, case 3 reaches the end of the function.
func switchNoFallthrough(parent context.Context, t *testing.T) {
	_, cancel := context.WithCancel(parent) // want "the context leaks at the end of the function on line 50"
	switch mode {
	case 0:
		t.FailNow()
	case 1:
		log.Fatal("no")
	case 2:
		cancel()
	case 3:
		println("three")
	default:
		os.Exit(1)
	}
}

// One select case neither cancels nor leaves for good.
func selectCase(parent context.Context, ch chan int) {
	_, cancel := context.WithTimeout(parent, time.Second) // want "context.WithTimeout is not called on every path: the context leaks at the end of the function on line 63"
	select {
	case <-ch:
		panic("closed")
	case ch <- 1:
		println("sent")
	case ch <- 2:
		cancel()
	}
}

// WithCancelCause: the cause variant.
func cause(parent context.Context, err error) {
	_, cancel := context.WithCancelCause(parent) // want "context.WithCancelCause is not called on every path: the context leaks at the return on line 69"
	if flag {
		return
	}
	cancel(err)
}
