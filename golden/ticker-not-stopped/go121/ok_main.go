package main

import (
	"fmt"
	"time"
)

// Returning from main.main ends the process.
func main() {
	t := time.NewTicker(time.Second)
	fmt.Println(<-t.C)
}
