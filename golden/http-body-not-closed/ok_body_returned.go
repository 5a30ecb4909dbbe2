package golden

import (
	"io"
	"net/http"
)

// bodyclose #27: the body itself is returned as an io.ReadCloser.
func body(url string) (io.ReadCloser, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}
