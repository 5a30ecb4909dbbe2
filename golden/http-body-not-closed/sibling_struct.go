package golden

// The struct and its *http.Client field are declared in another file of the package,
// which this one need not import net/http for.
func (r *Repo) ping(url string) (int, error) {
	resp, err := r.hc.Get(url) // want "the body of the response from r.hc.Get is never closed"
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}
