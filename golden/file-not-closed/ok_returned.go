package golden

import (
	"bufio"
	"io"
	"os"
)

func open(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return f, nil
}

// The reader wraps the file, so returning it hands the file over too.
func reader(path string) (io.Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return bufio.NewReader(f), nil
}
