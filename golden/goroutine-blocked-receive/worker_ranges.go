package golden

// A named worker ranges over the jobs; nothing ever closes them.
func process(items []string) {
	jobs := make(chan string)
	go consume(jobs) // want "goroutine running consume, which ranges over channel jobs blocks forever: nothing closes jobs"
	for _, it := range items {
		jobs <- it
	}
}

func consume(jobs chan string) {
	for j := range jobs {
		println(j)
	}
}
