package main

import (
	"context"
	"fmt"
	"time"
)

// main.main is exempt, as in go vet: returning from it ends the process.
func main() {
	ctx, _ := context.WithTimeout(context.Background(), time.Second)
	<-ctx.Done()
	fmt.Println(ctx.Err())
}
