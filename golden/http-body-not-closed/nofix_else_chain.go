package golden

import "net/http"

func status(c *http.Client, req *http.Request) (int, error) {
	resp, err := c.Do(req) // want "never closed"
	if err != nil {
		return 0, err
	} else if resp.StatusCode == http.StatusNotFound {
		return http.StatusNotFound, nil
	}
	return resp.StatusCode, nil
}
