package golden

import "context"

// The worker gives up with its caller: it selects on ctx.Done().
func lookupCtx(ctx context.Context, key string) (string, error) {
	found := make(chan string)
	go resolveCtx(ctx, found, key)
	select {
	case v := <-found:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func resolveCtx(ctx context.Context, out chan string, key string) {
	select {
	case out <- key:
	case <-ctx.Done():
	}
}
