package golden

import "context"

// The function never returns, so the context lives exactly as long as it does.
func serve(parent context.Context, jobs <-chan func(context.Context)) {
	ctx, _ := context.WithCancel(parent)
	for {
		job := <-jobs
		job(ctx)
	}
}
