package golden

import (
	"context"
	"net/http"
)

type cache struct{}

func (cache) Get(ctx context.Context, key string) (*http.Response, error) { return nil, nil }

// Two structs with a `client` field: each method's receiver says which one it uses.
type Fetcher struct{ client *http.Client }
type Store struct{ client cache }

func (f *Fetcher) status(url string) (int, error) {
	resp, err := f.client.Get(url) // want "the body of the response from f.client.Get is never closed"
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func (s *Store) has(ctx context.Context, k string) (bool, error) {
	v, err := s.client.Get(ctx, k)
	if err != nil {
		return false, err
	}
	return v.StatusCode == 200, nil
}
