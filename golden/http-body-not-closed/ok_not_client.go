package golden

import "net/http"

type cache struct{}

func (cache) Get(key string) (string, error) { return key, nil }

// c is a cache here, even though another function's c is an *http.Client.
func lookup(c cache) string {
	v, _ := c.Get("k")
	return v
}

func ping(c *http.Client, url string) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
