package golden

import (
	"fmt"
	"net/http"
)

type api struct {
	client *http.Client
	last   *http.Response
}

// fetch hands back a response whose status is OK, and closes the others itself: an opener.
func (a *api) fetch(url string) (*http.Response, error) {
	resp, err := a.client.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("%s: %s", url, resp.Status)
	}
	return resp, nil
}

// fetchPage returns another opener's result.
func (a *api) fetchPage(base string, page int) (*http.Response, error) {
	return a.fetch(fmt.Sprintf("%s?page=%d", base, page))
}

// lastResponse returns a response the api keeps: not an opener.
func (a *api) lastResponse() (*http.Response, error) {
	if a.last == nil {
		return nil, fmt.Errorf("no response yet")
	}
	return a.last, nil
}

// fetchKept keeps the response it returns: not an opener.
func (a *api) fetchKept(url string) (*http.Response, error) {
	resp, err := a.client.Get(url)
	if err != nil {
		return nil, err
	}
	a.last = resp
	return resp, nil
}
