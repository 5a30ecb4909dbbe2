package golden

import (
	"io"
	"net/http"
)

func closeBody(body io.Closer) { _ = body.Close() }

// bodyclose #3 and #18: closed through a helper.
func viaHelper(url string) (int, error) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	defer closeBody(resp.Body)
	return resp.StatusCode, nil
}
