package golden

import (
	"fmt"
	"os"
)

const attempts = 3

// Every loop around the defer is bounded by a small constant: reported as info, which the
// default --min-severity warning hides (bounded_small.go shows them with info).
func retry(name string) {
	for i := 0; i < attempts; i++ {
		f, err := os.Create(fmt.Sprintf("%s.%d", name, i))
		if err != nil {
			panic(err)
		}
		defer f.Close()
		f.WriteString("x")
	}
}

func twoFiles() {
	for _, name := range []string{"a", "b"} {
		f, err := os.Open(name)
		if err != nil {
			panic(err)
		}
		defer f.Close()
		f.Stat()
	}
}

func countdown() {
	for i := 4; i >= 1; i-- {
		f, err := os.Open(fmt.Sprint(i))
		if err != nil {
			panic(err)
		}
		defer f.Close()
		f.Stat()
	}
}
