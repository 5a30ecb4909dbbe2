package golden

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
)

// log.SetOutput keeps the file after the iteration: closing it per iteration would lose
// "after loop".
func rotate(dir string, n int) {
	for i := range n {
		f, _ := os.Create(filepath.Join(dir, fmt.Sprint(i)))
		defer f.Close() // want "defer in a loop"
		log.SetOutput(f)
		log.Print("start ", i)
	}
	log.Print("after loop")
}
