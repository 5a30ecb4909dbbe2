package golden

import "log"

func logUntilEmpty(msgs []string) {
	ch := make(chan string)
	go func() {
		for m := range ch {
			if m == "" {
				return
			}
			log.Print(m)
		}
	}()
	for _, m := range msgs {
		ch <- m
	}
	ch <- ""
}
