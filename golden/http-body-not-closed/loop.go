package golden

import "net/http"

func countUp(urls []string) int {
	up := 0
	for _, u := range urls {
		resp, err := http.Head(u) // want "the body of the response from http.Head is never closed"
		if err != nil {
			continue
		}
		if resp.StatusCode == http.StatusOK {
			up++
		}
	}
	return up
}
