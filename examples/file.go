package leaky

import (
	"io"
	"os"
)

// ReadConfig reads a whole file and never closes it: file-not-closed.
func ReadConfig(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(f)
}
