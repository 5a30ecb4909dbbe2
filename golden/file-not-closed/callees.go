package golden

import "os"

// A callee of the package that only reads the file does not take it over.
func lines(path string) int {
	f, err := os.Open(path) // want "file `f` opened by os.Open is never closed"
	if err != nil {
		return 0
	}
	return countLines(f)
}

// A callee that closes it releases it, but not on the early return.
func linesUnlessShort(path string, short bool) int {
	f, err := os.Open(path) // want "not closed on every path: it leaks at the return on line 21"
	if err != nil {
		return 0
	}
	if short {
		return 0
	}
	n := countLines(f)
	closeQuietly(f)
	return n
}

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
