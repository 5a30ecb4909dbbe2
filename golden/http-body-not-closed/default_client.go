package golden

import (
	"encoding/json"
	"net/http"
)

func decode(url string, v any) error {
	resp, err := http.DefaultClient.Get(url) // want "the body of the response from http.DefaultClient.Get is never closed"
	if err != nil {
		return err
	}
	return json.NewDecoder(resp.Body).Decode(v)
}
