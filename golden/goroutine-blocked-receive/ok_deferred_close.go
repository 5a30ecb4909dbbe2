package golden

import "log"

func process(items []string) {
	jobs := make(chan string)
	defer close(jobs)
	go func() {
		for j := range jobs {
			log.Print(j)
		}
	}()
	for _, it := range items {
		jobs <- it
	}
}
