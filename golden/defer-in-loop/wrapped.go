package golden

import (
	"bufio"
	"os"
)

// countLines opens one file per iteration; each stays open until the function returns.
func countLines(names []string) int {
	total := 0
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			panic(err)
		}
		defer f.Close() // want "defer in a loop: f.Close\(\) waits until countLines returns, so one deferred call piles up per iteration"

		// Count the lines.
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			total++
		}
	}
	return total
}
