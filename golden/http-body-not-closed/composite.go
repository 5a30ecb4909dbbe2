package golden

import (
	"io"
	"net/http"
	"time"
)

func post(url string, body io.Reader) (int, error) {
	client := &http.Client{Timeout: 5 * time.Second}
	resp, err := client.Post(url, "text/plain", body) // want "the body of the response from client.Post is never closed"
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}
