package golden

import "io"

// A method of the package returning the response its client got makes its caller the
// owner of the body. This file names no request of net/http itself.
func (a *api) title(url string) (string, error) {
	resp, err := a.fetch(url) // want "the body of the response from a.fetch \(which returns the response from a.client.Get\) is never closed"
	if err != nil {
		return "", err
	}
	b, err := io.ReadAll(resp.Body)
	return string(b), err
}

// Two functions deep, closed on one path only.
func (a *api) pageStatus(base string, page int, quick bool) (int, error) {
	resp, err := a.fetchPage(base, page) // want "the body of the response from a.fetchPage \(which returns the response from a.client.Get, through a.fetch\) is not closed on every path: it leaks at the return on line 23"
	if err != nil {
		return 0, err
	}
	if quick {
		return resp.StatusCode, nil
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, err
}

// Closed: nothing to report.
func (a *api) drain(url string) error {
	resp, err := a.fetch(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// No openers: a response the api keeps, or keeps as well as returning it.
func (a *api) lastBody() ([]byte, error) {
	resp, err := a.lastResponse()
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}

func (a *api) keptBody(url string) ([]byte, error) {
	resp, err := a.fetchKept(url)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}
