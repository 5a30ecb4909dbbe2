package golden

import "os"

// The file is closed exactly when this function opened it: a flag set right after the
// open says so, and a path that never opened it has nothing to close.
func sizeOf(shared *os.File, name string) (int64, error) {
	f, mine := shared, false
	if f == nil {
		var err error
		if f, err = os.Open(name); err != nil {
			return 0, err
		}
		mine = true
	}
	st, err := f.Stat()
	if err != nil {
		if mine {
			f.Close()
		}
		return 0, err
	}
	if mine {
		f.Close()
	}
	return st.Size(), nil
}
