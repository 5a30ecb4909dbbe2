package golden

import "context"

type finder interface {
	Find(ctx context.Context, key string) (string, error)
}

// A named cancel forgotten on an early return taken before the context is lent to anyone:
// canceling there is safe.
func first(parent context.Context, r finder, keys []string) (string, error) {
	ctx, cancel := context.WithCancel(parent) // want "not called on every path: the context leaks at the return on line 14$"
	if len(keys) == 0 {
		return "", nil
	}
	v, err := r.Find(ctx, keys[0])
	cancel()
	return v, err
}
