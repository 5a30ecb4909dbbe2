package golden

import "os"

// The `:=` in the if block declares a new err that hides the named result: folding the
// Close error into it would be lost, so no fix.
func writeIf(path string, data []byte, ok bool) (err error) {
	if ok {
		f, err := os.Create(path) // want "opened for writing by os.Create"
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		return err
	}
	return nil
}
