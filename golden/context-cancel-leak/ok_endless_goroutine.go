package golden

import (
	"context"
	"fmt"
)

// Only a goroutine that never returns uses the context.
func serveForever(parent context.Context, jobs <-chan string) {
	ctx, _ := context.WithCancel(parent)
	go func() {
		for job := range jobs {
			fmt.Println(job, ctx.Err())
		}
		select {}
	}()
}
