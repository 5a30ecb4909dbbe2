package golden

import "context"

// go#31856: cancel declared outside the closure that assigns it.
func outer(parent context.Context) error {
	var cancel context.CancelFunc
	var ctx context.Context
	func() {
		ctx, cancel = context.WithCancel(parent)
	}()
	defer cancel()
	return ctx.Err()
}
