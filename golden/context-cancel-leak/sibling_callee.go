package golden

import (
	"context"
	"time"
)

// The callees are declared in another file of the package.
func fetch(parent context.Context) error {
	ctx, _ := context.WithTimeout(parent, time.Second) // want "the cancel function returned by context.WithTimeout is discarded"
	return check(ctx)
}
