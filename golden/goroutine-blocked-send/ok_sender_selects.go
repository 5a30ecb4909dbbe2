package golden

import "context"

// The sender gives up too when the caller does.
func lookup(ctx context.Context, key string) (string, error) {
	ch := make(chan string)
	go func() {
		v := resolve(key)
		select {
		case ch <- v:
		case <-ctx.Done():
		}
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func resolve(key string) string { return key }
