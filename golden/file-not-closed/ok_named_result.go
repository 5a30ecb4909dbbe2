package golden

import "os"

func openNamed(path string) (f *os.File, err error) {
	f, err = os.Open(path)
	return
}
