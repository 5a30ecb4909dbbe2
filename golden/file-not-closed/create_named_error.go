package golden

import "os"

// The Close error of a file opened for writing lands in the named result when it is nil.
func save(path string, data []byte) (err error) {
	f, err := os.Create(path) // want "file `f` opened for writing by os.Create is never closed"
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return err
}
