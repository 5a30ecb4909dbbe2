package golden

// The feeding goroutine is a named function of the package.
func lines(text []string) <-chan string {
	out := make(chan string)
	go emitAll(out, text) // want "the goroutine running emitAll feeds out, which lines returns"
	return out
}

func emitAll(out chan string, text []string) {
	defer close(out)
	for _, t := range text {
		out <- t
	}
}
