package golden

import "os"

// The callee may close the file.
func process(path string, consume func(*os.File) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	return consume(f)
}
