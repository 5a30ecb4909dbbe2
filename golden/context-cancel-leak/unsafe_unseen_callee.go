package golden

import (
	"context"
	"time"
)

type resolver interface {
	Resolve(ctx context.Context, key string) (string, error)
}

// An interface method: gofixleak cannot see whether it keeps the context, so canceling
// when the function returns is an unsafe fix.
func lookup(parent context.Context, r resolver, key string) (string, error) {
	ctx, _ := context.WithTimeout(parent, time.Second) // want "discarded, so the context lives until its deadline passes or its parent is canceled; the fix is unsafe: it is passed to `r.Resolve`"
	return r.Resolve(ctx, key)
}

// A func value, called for its error only.
func call(parent context.Context, f func(context.Context) error) error {
	ctx, _ := context.WithTimeout(parent, time.Second) // want "the fix is unsafe: it is passed to `f`"
	if err := f(ctx); err != nil {
		return err
	}
	return nil
}
