package golden

import (
	"context"
	"sync"
)

// Each worker runs until the function returns; cancelling per iteration would stop it early.
func startAll(parent context.Context, jobs []func(context.Context)) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		ctx, cancel := context.WithCancel(parent)
		defer cancel() // want "defer in a loop: cancel\(\)"
		wg.Add(1)
		go func() {
			defer wg.Done()
			job(ctx)
		}()
	}
	wg.Wait()
}
