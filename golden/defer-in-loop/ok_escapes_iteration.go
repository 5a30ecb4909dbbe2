package golden

import (
	"bufio"
	"context"
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
		defer f.Close()
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
		defer f.Close()
		r := bufio.NewReader(f)
		wg.Add(1)
		go consume(r, &wg)
	}
	wg.Wait()
}

// Each worker runs until the function returns; cancelling per iteration would stop it early.
func startAll(parent context.Context, jobs []func(context.Context)) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		ctx, cancel := context.WithCancel(parent)
		defer cancel()
		wg.Add(1)
		go func() {
			defer wg.Done()
			job(ctx)
		}()
	}
	wg.Wait()
}
