package golden

import (
	"fmt"
	"io"
	"os"
)

func readOnly(path string) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY, 0) // want "file `f` opened by os.OpenFile is never closed"
	if err != nil {
		return nil, err
	}
	return io.ReadAll(f)
}

func appendLine(path, line string) (err error) {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o644) // want "opened for writing by os.OpenFile"
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(f, line)
	return err
}

func unknownFlags(path string, flags int) ([]byte, error) {
	f, err := os.OpenFile(path, flags, 0) // want "opened for writing by os.OpenFile"
	if err != nil {
		return nil, err
	}
	return io.ReadAll(f)
}
