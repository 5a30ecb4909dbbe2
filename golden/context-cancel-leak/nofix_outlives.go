package golden

import (
	"context"
	"net/http"
	"time"
)

// Canceling when these functions return would cut short a use that outlives them.
func detached(parent context.Context) context.Context {
	ctx, _ := context.WithTimeout(parent, time.Minute) // want "the cancel function returned by context.WithTimeout is discarded"
	return ctx
}

func request(parent context.Context, url string) (*http.Response, error) {
	ctx, _ := context.WithTimeout(parent, time.Second) // want "the cancel function returned by context.WithTimeout is discarded"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req)
}

type server struct{}

func (server) Start(ctx context.Context) { go func() { <-ctx.Done() }() }

func launch(parent context.Context, s server) {
	ctx, _ := context.WithCancel(parent) // want "the cancel function returned by context.WithCancel is discarded"
	s.Start(ctx)
}

func spawn(parent context.Context, done chan<- error) {
	ctx, _ := context.WithCancel(parent) // want "the cancel function returned by context.WithCancel is discarded"
	go func() { done <- ctx.Err() }()
	if ctx.Err() != nil {
		return
	}
}
