package golden

import (
	"context"
	"io"
	"net/http"
	"time"
)

// A context and a response in one function: both get a defer.
func fetch(parent context.Context, url string) ([]byte, error) {
	ctx, _ := context.WithTimeout(parent, 5*time.Second) // want "the cancel function returned by context.WithTimeout is discarded"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req) // want "the body of the response from http.DefaultClient.Do is never closed"
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}
