package golden

import "net/http"

var last *http.Response

// bodyclose #36: stored in a package variable.
func remember(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	last = resp
	return nil
}
