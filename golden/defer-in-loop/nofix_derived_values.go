package golden

import (
	"bufio"
	"io"
	"log"
	"os"
	"sync"
)

// The readers made from the files are read after the loop.
func concat(names []string, w io.Writer) error {
	var rs []io.Reader
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			log.Fatal(err)
		}
		defer f.Close() // want "defer in a loop: f.Close\(\) waits until concat returns"
		br := bufio.NewReader(f)
		rs = append(rs, br)
	}
	_, err := io.Copy(w, io.MultiReader(rs...))
	return err
}

func consume(r io.Reader, wg *sync.WaitGroup) {
	defer wg.Done()
	io.Copy(io.Discard, r)
}

// A goroutine reads each file through a reader made from it.
func readAll(names []string) {
	var wg sync.WaitGroup
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			log.Fatal(err)
		}
		defer f.Close() // want "defer in a loop: f.Close\(\) waits until readAll returns"
		r := bufio.NewReader(f)
		wg.Add(1)
		go consume(r, &wg)
	}
	wg.Wait()
}

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
