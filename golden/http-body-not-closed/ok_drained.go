package golden

import (
	"io"
	"net/http"
)

// bodyclose #5: drain and close in a deferred closure.
func drained(url string) (int, error) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	defer func() {
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}()
	return resp.StatusCode, nil
}
