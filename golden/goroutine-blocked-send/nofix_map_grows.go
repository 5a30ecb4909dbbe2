package golden

// The loop adds to the map it ranges over, so it may start more goroutines than
// len(m) was where the channel is made.
func mapGrow(m map[int]bool) int {
	ch := make(chan int) // want "only the first value is received"
	for k := range m {
		if k < 1000 {
			m[k+1000] = true
		}
		go func() { ch <- k }()
	}
	return <-ch
}
