package golden

import (
	nethttp "net/http"
	"net/url"
)

func submit(u string, form url.Values) (int, error) {
	resp, err := nethttp.PostForm(u, form) // want "the body of the response from nethttp.PostForm is never closed"
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}
