package leaky

// FirstReplica asks every replica and keeps the first answer; the other
// goroutines block forever: goroutine-blocked-send (capacity len(replicas)).
func FirstReplica(replicas []string, query string) string {
	answers := make(chan string)
	for _, r := range replicas {
		go func(r string) {
			answers <- r + " says " + query
		}(r)
	}
	return <-answers
}
