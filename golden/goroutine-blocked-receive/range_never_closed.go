package golden

import "log"

func process(items []string) {
	jobs := make(chan string)
	go func() { // want "goroutine ranging over channel jobs blocks forever: nothing closes jobs"
		for j := range jobs {
			log.Print(j)
		}
	}()
	for _, it := range items {
		jobs <- it
	}
}
