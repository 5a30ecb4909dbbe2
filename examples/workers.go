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
