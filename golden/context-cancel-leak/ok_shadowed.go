package golden

import "context"

type deriver struct{}

func (deriver) WithTimeout(ctx context.Context, n int) (context.Context, int) { return ctx, n }

// `context` is a local variable here, not the package.
func shadowed(parent context.Context) error {
	context := deriver{}
	ctx, _ := context.WithTimeout(parent, 1)
	return ctx.Err()
}
