package golden

import "os"

func closeInto(err *error, f *os.File) {
	if cerr := f.Close(); cerr != nil && *err == nil {
		*err = cerr
	}
}

// The deferred call writes the named result: run per iteration, `return nil` would
// overwrite what it wrote.
func writeAll(names []string) (err error) {
	for _, name := range names {
		f, oerr := os.Create(name)
		if oerr != nil {
			panic(oerr)
		}
		defer closeInto(&err, f) // want "defer in a loop: closeInto\(&err, f\) waits until writeAll returns"
		f.WriteString("x")
	}
	return nil
}
