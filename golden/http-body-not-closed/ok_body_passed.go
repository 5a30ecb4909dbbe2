package golden

import (
	"io"
	"net/http"
)

// bodyclose #4: the body is handed to a function that may close it.
func handOff(url string, consume func(io.ReadCloser) error) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	return consume(resp.Body)
}
