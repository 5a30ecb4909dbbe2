package golden

import (
	"os"
	"testing"
)

// Deferring to the end of a test is harmless.
func TestFiles(t *testing.T) {
	for _, name := range []string{"a", "b"} {
		f, err := os.CreateTemp(t.TempDir(), name)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
	}
}
