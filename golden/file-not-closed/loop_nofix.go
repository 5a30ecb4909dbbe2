package golden

import "os"

// The return leaves the iteration before its end, where an explicit Close would go.
func firstNonEmpty(paths []string) string {
	for _, p := range paths {
		f, err := os.Open(p) // want "file `f` opened by os.Open is never closed"
		if err != nil {
			continue
		}
		info, err := f.Stat()
		if err == nil && info.Size() > 0 {
			return p
		}
	}
	return ""
}
