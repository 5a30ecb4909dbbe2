package golden

import (
	"fmt"
	"net/http"
)

type proxy struct {
	next http.RoundTripper
}

// A RoundTripper's response body is the caller's to close.
func status(rt http.RoundTripper, req *http.Request) (int, error) {
	resp, err := rt.RoundTrip(req) // want "the body of the response from rt.RoundTrip is never closed"
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// Not a RoundTripper: nothing is known of its result.
type fake struct{}

func (fake) RoundTrip(req *http.Request) (*http.Response, error) { return nil, nil }

func other(f fake, req *http.Request) {
	resp, _ := f.RoundTrip(req)
	fmt.Println(resp)
}
