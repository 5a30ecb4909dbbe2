package leaky

import (
	"context"
	"time"
)

// Lookup bounds a lookup to a second but drops the cancel function:
// context-cancel-leak.
func Lookup(parent context.Context, key string) error {
	ctx, _ := context.WithTimeout(parent, time.Second)
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(time.Duration(len(key)) * time.Millisecond):
		return nil
	}
}
