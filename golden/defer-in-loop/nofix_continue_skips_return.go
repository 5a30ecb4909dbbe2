package golden

import "os"

// The return after the defer can be skipped by the continue: the defers pile up.
func firstBig(names []string) error {
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			return err
		}
		defer f.Close() // want "defer in a loop: f.Close\(\) waits until firstBig returns"
		st, err := f.Stat()
		if err != nil || st.Size() < 100 {
			continue
		}
		return nil
	}
	return nil
}
