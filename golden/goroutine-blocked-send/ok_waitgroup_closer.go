package golden

import "sync"

// Every value is received: the range ends only when the closer runs.
func collect(xs []string) []string {
	out := make(chan string)
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out <- x + "!"
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	var got []string
	for s := range out {
		got = append(got, s)
	}
	return got
}
