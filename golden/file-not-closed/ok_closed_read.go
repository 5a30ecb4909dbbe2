package golden

import (
	"io"
	"os"
)

// gosec #512: a plain deferred Close of a read-only file is right.
func read(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}
