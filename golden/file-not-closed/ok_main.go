package main

import (
	"fmt"
	"io"
	"os"
)

// The process ends when main returns.
func main() {
	f, err := os.Open("input.txt")
	if err != nil {
		return
	}
	n, _ := io.Copy(io.Discard, f)
	fmt.Println(n)
}
