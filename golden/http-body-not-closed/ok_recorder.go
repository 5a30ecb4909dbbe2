package golden

import (
	"net/http"
	"net/http/httptest"
)

// bodyclose #47 and #59: a recorded response holds no connection.
func record(h http.Handler, req *http.Request) int {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	resp := rec.Result()
	return resp.StatusCode
}
