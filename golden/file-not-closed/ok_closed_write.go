package golden

import "os"

// gosec G307 (retired) flagged this deferred Close; the file is closed, so no leak.
func write(path string, data []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.Write(data)
	return err
}
