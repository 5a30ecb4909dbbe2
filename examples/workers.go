package leaky

import "log"

// LogAll hands lines to a logging goroutine but never closes the channel, so the
// goroutine waits forever after LogAll returns: goroutine-blocked-receive.
func LogAll(lines []string) {
	queue := make(chan string)
	go func() {
		for l := range queue {
			log.Println(l)
		}
	}()
	for _, l := range lines {
		queue <- l
	}
}

// Numbers feeds a channel from a goroutine that cannot stop: a caller that stops
// reading early leaks it (producer-without-cancel, reported with --min-severity info).
func Numbers(n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			out <- i
		}
	}()
	return out
}
