package golden

import "log"

func maybeLog(verbose bool, msgs []string) {
	out := make(chan string, 8)
	if verbose {
		go func() { // want "ranging over channel out blocks forever"
			for m := range out {
				log.Print(m)
			}
		}()
	}
	for _, m := range msgs {
		if verbose {
			out <- m
		}
	}
}
