package golden

import "net/http"

func status(url string) (int, error) {
	resp, err := http.Get(url) // want "the body of the response from http.Get is never closed"
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}
