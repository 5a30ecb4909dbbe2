package golden

import "os"

// CRLF line endings stay CRLF.
func crlf(names []string) {
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			panic(err)
		}
		defer f.Close() // want "defer in a loop: f.Close\(\)"

		f.Stat()
	}
}
