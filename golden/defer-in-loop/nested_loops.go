package golden

import "os"

// Both loops defer; the inner body is wrapped first, then the outer one.
func readGrid(rows [][]string) int {
	n := 0
	for _, row := range rows {
		marker, err := os.CreateTemp("", "row")
		if err != nil {
			panic(err)
		}
		defer marker.Close() // want "defer in a loop: marker.Close\(\)"
		for _, name := range row {
			f, err := os.Open(name)
			if err != nil {
				panic(err)
			}
			defer f.Close() // want "defer in a loop: f.Close\(\)"
			n++
		}
	}
	return n
}
