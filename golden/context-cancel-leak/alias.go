package golden

import stdctx "context"

func run(parent stdctx.Context) error {
	ctx, _ := stdctx.WithCancel(parent) // want "the cancel function returned by context.WithCancel is discarded"
	<-ctx.Done()
	return nil
}

func rerun(ctx stdctx.Context) error {
	ctx, _ = stdctx.WithCancel(ctx) // want "the cancel function returned by context.WithCancel is discarded"
	return ctx.Err()
}
