package golden

import "os"

func exists(path string) bool {
	f, err := os.Open(path) // want "file `f` opened by os.Open is never closed"
	if err != nil {
		return false
	}
	_, err = f.Stat()
	return err == nil
}
