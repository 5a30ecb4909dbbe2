package golden

import (
	"context"
	"sync"
)

// The lock is held until the value is taken: a buffer would release it before anyone
// received the value, so the fix is withheld (the goroutine still leaks on cancel).
func lockHeld(ctx context.Context, mu *sync.Mutex) int {
	ch := make(chan int) // want "the goroutine started at line 12 can block forever sending on unbuffered channel ch: the select at line 17 can take another case"
	go func() {
		mu.Lock()
		defer mu.Unlock()
		ch <- work()
	}()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

func work() int { return 1 }
