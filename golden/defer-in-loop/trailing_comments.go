package golden

import "os"

// Re-indenting the body keeps gofmt's comment alignment; the `} // end` line stays alone.
func syncAll(names []string) {
	for _, n := range names { // iterate
		f, err := os.Open(n) // open
		if err != nil {      // check
			panic(err)
		}
		defer f.Close() // want "defer in a loop: f.Close\(\) waits until syncAll returns"
		f.Sync()        // flush
	} // end
	x := 1 // x
	_ = x
}
