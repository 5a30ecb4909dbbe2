package golden

import (
	"bufio"
	"os"
)

func countLines(path string) (int, error) {
	f, err := os.Open(path) // want "file `f` opened by os.Open is never closed"
	if err != nil {
		return 0, err
	}
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		n++
	}
	return n, sc.Err()
}
