package main

import "fmt"

// The program ends when main returns, goroutines and all.
func main() {
	lines := make(chan string)
	go func() {
		for l := range lines {
			fmt.Println(l)
		}
	}()
	lines <- "hello"
}
