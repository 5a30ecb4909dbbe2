package golden

import (
	"log"
	"os"
)

type registry struct{ fs []*os.File }

func (r *registry) add(f *os.File) { r.fs = append(r.fs, f) }

// The registry keeps the files and uses them after the loop.
func openAll(r *registry, names []string) {
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			log.Fatal(err)
		}
		defer f.Close() // want "defer in a loop: f.Close\(\) waits until openAll returns"
		r.add(f)
	}
	for _, f := range r.fs {
		f.Stat()
	}
}
