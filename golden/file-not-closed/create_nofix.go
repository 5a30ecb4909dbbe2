package golden

import "os"

// No named error result: a plain deferred Close would drop the error, so no fix.
func save(path string, data []byte) error {
	f, err := os.Create(path) // want "file `f` opened for writing by os.Create is never closed"
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return err
}
