package golden

import "log"

func serve(events []string) {
	ch := make(chan string)
	go func() {
		for e := range ch {
			log.Print(e)
		}
	}()
	for _, e := range events {
		ch <- e
	}
	select {}
}
