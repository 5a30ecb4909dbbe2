package golden

import "net/http"

type api struct {
	client *http.Client
	base   string
}

func (a *api) etag(path string) (string, error) {
	resp, err := a.client.Head(a.base + path) // want "the body of the response from a.client.Head is never closed"
	if err != nil {
		return "", err
	}
	return resp.Header.Get("ETag"), nil
}
