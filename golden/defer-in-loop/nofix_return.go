package golden

import (
	"io"
	"os"
)

func copyAll(dst io.Writer, names []string) error {
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close() // want "defer in a loop: f.Close\(\)"
		if _, err := io.Copy(dst, f); err != nil {
			return err
		}
	}
	return nil
}
