package golden

import "context"

type pool struct{}

func (pool) WithCancel(ctx context.Context) (context.Context, int) { return ctx, 0 }

// A method named WithCancel on a user type is not the context package.
func borrow(p pool, parent context.Context) error {
	ctx, _ := p.WithCancel(parent)
	return ctx.Err()
}
