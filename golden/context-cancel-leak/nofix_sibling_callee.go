package golden

import "context"

// The callee, declared in another file of the package, starts a goroutine with it.
func launch(parent context.Context) error {
	ctx, _ := context.WithCancel(parent) // want "the cancel function returned by context.WithCancel is discarded"
	return watch(ctx)
}
