package golden

import "context"

func check(ctx context.Context) error {
	return ctx.Err()
}
