package golden

import (
	"errors"
	"os"
)

// Handed to the caller on success, lost on the two error returns after the open.
func openNonEmpty(path string) (*os.File, error) {
	f, err := os.Open(path) // want "file `f` opened by os.Open is not closed on every path: it leaks at the return on line 16"
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() == 0 {
		return nil, errors.New("empty file")
	}
	return f, nil
}

// A continue skips the close at the end of the iteration.
func countFiles(paths []string) int {
	n := 0
	for _, p := range paths {
		f, err := os.Open(p) // want "it leaks at the continue on line 33"
		if err != nil {
			continue
		}
		if p == "" {
			continue
		}
		n++
		f.Close()
	}
	return n
}

// Reopened before the first file was closed.
func firstAndSecond(a, b string) (int, error) {
	buf := make([]byte, 8)
	f, err := os.Open(a) // want "it leaks at line 49, where it is overwritten"
	if err != nil {
		return 0, err
	}
	n, _ := f.Read(buf)
	f, err = os.Open(b)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	m, _ := f.Read(buf)
	return n + m, nil
}
