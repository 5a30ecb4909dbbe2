package golden

import (
	"log"
	"os"
)

// Each file is put in a map the function uses after the loop.
func openIndex(names []string) map[string]int64 {
	files := map[string]*os.File{}
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			log.Fatal(err)
		}
		defer f.Close()
		files[n] = f
	}
	sizes := map[string]int64{}
	for n, f := range files {
		info, _ := f.Stat()
		sizes[n] = info.Size()
	}
	return sizes
}

type tailer struct{ last *os.File }

// Stored in a field.
func (t *tailer) follow(names []string) {
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			log.Fatal(err)
		}
		defer f.Close()
		t.last = f
	}
	t.last.Stat()
}

// Aliased by a variable used after the loop.
func newest(names []string) string {
	var last *os.File
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			log.Fatal(err)
		}
		defer f.Close()
		last = f
	}
	return last.Name()
}

// Sent to whoever reads the channel.
func feed(names []string, out chan<- *os.File) {
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			log.Fatal(err)
		}
		defer f.Close()
		out <- f
	}
}
