package golden

import (
	"fmt"
	"os"
)

const attempts = 3

// Every loop around the defer is bounded by a small constant: reported as info (see
// ok_bounded_small.go for the default severity filter hiding them).
func retry(name string) {
	for i := 0; i < attempts; i++ {
		f, err := os.Create(fmt.Sprintf("%s.%d", name, i))
		if err != nil {
			panic(err)
		}
		defer f.Close() // want "defer in a loop: f.Close\(\) waits until retry returns"
		f.WriteString("x")
	}
}

func twoFiles() {
	for _, name := range []string{"a", "b"} {
		f, err := os.Open(name)
		if err != nil {
			panic(err)
		}
		defer f.Close() // want "defer in a loop: f.Close\(\) waits until twoFiles returns"
		f.Stat()
	}
}

func countdown() {
	for i := 4; i >= 1; i-- {
		f, err := os.Open(fmt.Sprint(i))
		if err != nil {
			panic(err)
		}
		defer f.Close() // want "defer in a loop: f.Close\(\) waits until countdown returns"
		f.Stat()
	}
}

// Not bounded: the counter changes in the body, or the bound is a parameter.
func skipping(n int) {
	for i := 0; i < 3; i++ {
		f, err := os.Open(fmt.Sprint(i))
		if err != nil {
			panic(err)
		}
		defer f.Close() // want "defer in a loop: f.Close\(\) waits until skipping returns"
		f.Stat()
		i += n
	}
	for i := 0; i < n; i++ {
		f, err := os.Open(fmt.Sprint(i))
		if err != nil {
			panic(err)
		}
		defer f.Close() // want "defer in a loop: f.Close\(\) waits until skipping returns"
		f.Stat()
	}
}
