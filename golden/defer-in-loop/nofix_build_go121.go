//go:build go1.21

package golden

import (
	"fmt"
	"os"
)

// This file is compiled as go 1.21: the range variable x is shared by all iterations,
// so the deferred function prints the last x each time; run per iteration it would not.
func show(xs []string) {
	for _, x := range xs {
		f, err := os.Open(os.DevNull)
		if err != nil {
			panic(err)
		}
		defer func() { // want "defer in a loop: func\(\) {\.\.\. waits until show returns"
			fmt.Println("closing for", x)
			f.Close()
		}()
	}
	fmt.Println("loop done")
}
