package golden

import "net/http"

type Repo struct {
	hc *http.Client
}
