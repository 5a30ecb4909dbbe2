package leaky

import "net/http"

// StatusOf fetches url and never closes the response body:
// http-body-not-closed.
func StatusOf(url string) (int, error) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}
