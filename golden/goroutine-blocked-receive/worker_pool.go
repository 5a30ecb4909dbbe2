package golden

import "sync"

type task struct{ n int }

func runAll(tasks []task, workers int) int {
	queue := make(chan task, len(tasks))
	var mu sync.Mutex
	done := 0
	for i := 0; i < workers; i++ {
		go func() { // want "ranging over channel queue blocks forever"
			for t := range queue {
				mu.Lock()
				done += t.n
				mu.Unlock()
			}
		}()
	}
	for _, t := range tasks {
		queue <- t
	}
	mu.Lock()
	defer mu.Unlock()
	return done
}
