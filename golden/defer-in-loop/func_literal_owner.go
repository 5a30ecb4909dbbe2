package golden

import (
	"os"
	"path/filepath"
)

var cleanup = func(dir string, names []string) {
	for _, n := range names {
		tmp, err := os.CreateTemp(dir, n)
		if err != nil {
			panic(err)
		}
		defer os.Remove(filepath.Join(dir, filepath.Base(tmp.Name()))) // want "defer in a loop: os.Remove.* waits until the function literal returns"
		tmp.Close()
	}
}
