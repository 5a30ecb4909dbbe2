package golden

import "net/http"

// bodyclose #1: the caller closes the returned response.
func get(url string) (*http.Response, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	return resp, nil
}
