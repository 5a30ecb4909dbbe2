package golden

import "os"

// The break leaves the switch, not the loop, so the body can be wrapped.
func countNonEmpty(names []string) int {
	ok := 0
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			panic(err)
		}
		defer f.Close() // want "defer in a loop: f.Close\(\) waits until countNonEmpty returns"
		st, err := f.Stat()
		switch {
		case err != nil:
			break
		case st.Size() > 0:
			ok++
		}
	}
	return ok
}
