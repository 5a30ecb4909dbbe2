package golden

import (
	"context"
	"strconv"
)

// Each path of the goroutine sends once, as its last act.
func parse(ctx context.Context, text string) (int, error) {
	errc := make(chan error, 0) // want "goroutine started at line 12 can block forever sending on unbuffered channel errc"
	var n int
	go func() {
		v, err := strconv.Atoi(text)
		if err != nil {
			errc <- err
			return
		}
		n = v
		errc <- nil
	}()
	select {
	case err := <-errc:
		return n, err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
