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
