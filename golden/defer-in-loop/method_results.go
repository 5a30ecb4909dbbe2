package golden

import (
	"bufio"
	"log"
	"os"
)

// What a method of the file returns (a line it read) is kept after the loop, not the file:
// the file still piles up.
func firstLines(names []string) []string {
	var lines []string
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			log.Fatal(err)
		}
		defer f.Close() // want "defer in a loop: f.Close\(\) waits until firstLines returns"
		line, _ := bufio.NewReader(f).ReadString('\n')
		name := f.Name()
		lines = append(lines, name+": "+line)
	}
	return lines
}
