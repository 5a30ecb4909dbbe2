package golden

import (
	"io"
	"net/http"
)

func send(c *http.Client, req *http.Request) ([]byte, error) {
	resp, err := c.Do(req) // want "the body of the response from c.Do is never closed"
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}
