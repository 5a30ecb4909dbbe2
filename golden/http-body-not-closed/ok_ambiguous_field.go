package golden

import "net/http"

type cache struct{}

func (cache) Get(key string) (*http.Response, error) { return nil, nil }

type Fetcher struct{ client *http.Client }
type Store struct{ client cache }

func current() *Store { return &Store{} }

// The struct holding `client` is not known here, and the package has two with such a
// field, of different types: no finding.
func lookup(k string) (bool, error) {
	v, err := current().client.Get(k)
	if err != nil {
		return false, err
	}
	return v.StatusCode == 200, nil
}
