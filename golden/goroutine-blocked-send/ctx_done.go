package golden

import "context"

type result struct {
	body []byte
	err  error
}

func get(ctx context.Context, url string) ([]byte, error) {
	done := make(chan result) // want "unbuffered channel done: the select at line 16 can take another case"
	go func() {
		body, err := download(url)
		done <- result{body, err}
	}()
	select {
	case r := <-done:
		return r.body, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func download(url string) ([]byte, error) { return []byte(url), nil }
