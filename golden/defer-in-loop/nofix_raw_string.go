package golden

import (
	"os"
	"strings"
)

func writeHeaders(names []string) {
	for _, name := range names {
		f, err := os.Create(name)
		if err != nil {
			panic(err)
		}
		defer f.Close() // want "defer in a loop"
		f.WriteString(strings.TrimSpace(`
# generated
# do not edit
`))
	}
}
