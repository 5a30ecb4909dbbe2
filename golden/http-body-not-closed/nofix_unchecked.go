package golden

import "net/http"

// resp is nil when err is not: without an `if err != nil` check that leaves right after
// the call, a deferred resp.Body.Close() could panic.
func quiet(url string) int {
	resp, err := http.Get(url) // want "the body of the response from http.Get is never closed"
	if err == nil && resp.StatusCode == http.StatusOK {
		return 1
	}
	return 0
}
