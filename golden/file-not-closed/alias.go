package golden

import osx "os"

func head(path string) ([]byte, error) {
	f, err := osx.Open(path) // want "file `f` opened by os.Open is never closed"
	if err != nil {
		return nil, err
	}
	buf := make([]byte, 16)
	n, err := f.Read(buf)
	return buf[:n], err
}
