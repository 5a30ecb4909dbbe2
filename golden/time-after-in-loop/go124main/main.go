package main

import (
	"fmt"
	"time"
)

func main() {
	in := make(chan int, 1)
	in <- 1
	for {
		select {
		case v := <-in:
			fmt.Println(v)
		case <-time.After(time.Second): // want "go 1.24.*one allocation per pass"
			return
		}
	}
}
