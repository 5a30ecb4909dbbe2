package golden

import "os"

// Kept by a method of the package: its holder closes it later.
func remember(c *cache, path string) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	c.keep(f)
}

// A defer registered before the loop closes whatever file is open when the function
// returns, whichever path it takes.
func firstBig(paths []string) (name string, err error) {
	var f *os.File
	defer func() {
		if f != nil {
			f.Close()
		}
	}()
	for _, p := range paths {
		if f != nil {
			f.Close()
		}
		f, err = os.Open(p)
		if err != nil {
			return "", err
		}
		st, err := f.Stat()
		if err != nil {
			return "", err
		}
		if st.Size() > 1<<20 {
			return p, nil
		}
	}
	return "", nil
}
