package golden

// A helper of the package sends every job and closes the channel.
func processFed(items []string) {
	jobs := make(chan string)
	go consumeFed(jobs)
	feed(jobs, items)
}

func feed(jobs chan string, items []string) {
	for _, it := range items {
		jobs <- it
	}
	close(jobs)
}

func consumeFed(jobs chan string) {
	for j := range jobs {
		println(j)
	}
}
