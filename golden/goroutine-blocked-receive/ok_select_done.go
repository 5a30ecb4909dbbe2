package golden

import (
	"context"
	"log"
)

func watch(ctx context.Context, events []string) {
	ch := make(chan string)
	go func() {
		for {
			select {
			case e := <-ch:
				log.Print(e)
			case <-ctx.Done():
				return
			}
		}
	}()
	for _, e := range events {
		ch <- e
	}
}
