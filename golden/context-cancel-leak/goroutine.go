package golden

import (
	"context"
	"fmt"
)

func watch(parent context.Context, events <-chan string) {
	ctx, _ := context.WithCancel(parent) // want "the cancel function returned by context.WithCancel is discarded"
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case e := <-events:
				fmt.Println(e)
			}
		}
	}()
}
