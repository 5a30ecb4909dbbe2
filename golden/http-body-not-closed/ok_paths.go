package golden

import (
	"io"
	"net/http"
)

// Closed when there is a response, before the error is looked at.
func fetchAll(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if resp != nil {
		defer resp.Body.Close()
	}
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}
