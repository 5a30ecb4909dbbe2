package golden

import (
	"context"
	"io"
	"os"
	"time"
)

// A file and a context in one function: both get a defer.
func copyWithTimeout(parent context.Context, path string, w io.Writer) error {
	ctx, _ := context.WithTimeout(parent, time.Second) // want "the cancel function returned by context.WithTimeout is discarded"
	f, err := os.Open(path)                            // want "file `f` opened by os.Open is never closed"
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, f); err != nil {
		return err
	}
	return ctx.Err()
}
