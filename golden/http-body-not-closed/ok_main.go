package main

import (
	"fmt"
	"net/http"
)

func main() {
	resp, err := http.Get("http://localhost/")
	if err != nil {
		return
	}
	fmt.Println(resp.Status)
}
