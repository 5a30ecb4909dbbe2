package golden

import "context"

// A named worker sends its one result; the caller may give up first.
func lookupAsync(ctx context.Context, key string) (string, error) {
	found := make(chan string) // want "goroutine started at line 8 can block forever sending on unbuffered channel found: the select at line 9"
	go resolveInto(found, key)
	select {
	case v := <-found:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func resolveInto(out chan string, key string) {
	v := key + "!"
	out <- v
}
