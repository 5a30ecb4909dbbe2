package golden

import (
	"errors"
	"os"
)

// The deferred closure sets the named result when the function returns.
func touchAll(names []string) (err error) {
	for _, name := range names {
		f, createErr := os.Create(name)
		if createErr != nil {
			panic(createErr)
		}
		defer func() { err = errors.Join(err, f.Close()) }() // want "defer in a loop"
	}
	return nil
}
