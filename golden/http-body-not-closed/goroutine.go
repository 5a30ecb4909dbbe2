package golden

import "net/http"

func fire(url string, done chan<- int) error {
	resp, err := http.Get(url) // want "the body of the response from http.Get is never closed"
	if err != nil {
		return err
	}
	go func() {
		done <- resp.StatusCode
	}()
	return nil
}
