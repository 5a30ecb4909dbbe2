package main

import (
	"fmt"
	"time"
)

func main() {
	n := 0
	for range time.Tick(time.Second) {
		n++
		if n == 3 {
			break
		}
	}
	fmt.Println(n)
}
