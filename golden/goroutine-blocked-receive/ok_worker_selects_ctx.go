package golden

import "context"

// The worker also watches ctx.Done(): it has a way out.
func processCtx(ctx context.Context, items []string) {
	jobs := make(chan string)
	go consumeCtx(ctx, jobs)
	for _, it := range items {
		jobs <- it
	}
}

func consumeCtx(ctx context.Context, jobs chan string) {
	for {
		select {
		case j := <-jobs:
			println(j)
		case <-ctx.Done():
			return
		}
	}
}
