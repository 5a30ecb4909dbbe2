package golden

import "context"

// go#16230: cancel as a named result with a naked return.
func named(parent context.Context) (ctx context.Context, cancel context.CancelFunc) {
	ctx, cancel = context.WithCancel(parent)
	return
}

// gosec G118 #1584: cancel returned to the caller.
func handed(parent context.Context) (context.Context, context.CancelFunc) {
	return context.WithCancel(parent)
}
