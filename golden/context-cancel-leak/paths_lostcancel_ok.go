package golden

import (
	"context"
	"log"
	"os"
	"testing"
)

var okFlag bool
var okMode int

// The other branch never ends.
func endlessElse(parent context.Context) {
	_, cancel := context.WithCancel(parent)
	if okFlag {
		cancel()
	} else {
		for {
			println(0)
		}
	}
}

// Every case cancels, or never comes back; case 3 falls through into an exit.
func switchAll(parent context.Context, t *testing.T) {
	_, cancel := context.WithCancel(parent)
	switch okMode {
	case 0:
		t.FailNow()
	case 1:
		log.Fatal("no")
	case 2:
		cancel()
	case 3:
		println("three")
		fallthrough
	default:
		os.Exit(1)
	}
}

// After a select that blocks for ever nothing returns.
func blocked(parent context.Context, ch chan int) {
	_, cancel := context.WithCancel(parent)
	select {
	case <-ch:
		panic("closed")
	}
	if okFlag {
		_ = cancel
	}
}

// Passed on, returned, or used in a closure: any use counts, as in go vet.
func handedOn(parent context.Context, keep func(context.CancelFunc)) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(parent)
	if okFlag {
		keep(cancel)
		return nil, nil
	}
	return ctx, cancel
}

// The select's only way out cancels first.
func selectCancels(parent context.Context, ch chan int) {
	_, cancel := context.WithCancel(parent)
	for {
		select {
		case <-ch:
			cancel()
			return
		default:
		}
	}
}
