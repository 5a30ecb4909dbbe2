package golden

import (
	"fmt"
	"io"
	"net/http"
)

// The status check returns before the deferred Close is registered.
func fetch(client *http.Client, url string) ([]byte, error) {
	resp, err := client.Get(url) // want "the body of the response from client.Get is not closed on every path: it leaks at the return on line 16"
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
