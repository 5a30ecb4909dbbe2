package golden

import (
	"io"
	"os"
)

// A temporary file is written: without a named error result its Close error has
// nowhere to go, so the finding has no fix.
func scratch(data []byte) (string, error) {
	f, err := os.CreateTemp("", "scratch") // want "file `f` opened for writing by os.CreateTemp is never closed"
	if err != nil {
		return "", err
	}
	if _, err := f.Write(data); err != nil {
		return "", err
	}
	return f.Name(), nil
}

// Opened through an os.Root.
func readIn(dir, name string) ([]byte, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	f, err := root.Open(name) // want "file `f` opened by root.Open is never closed"
	if err != nil {
		return nil, err
	}
	return io.ReadAll(f)
}
