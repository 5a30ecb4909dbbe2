package golden

import (
	"log"
	"net/http"
	"os"
)

// None of these functions returns: the goroutines run until the program ends.
func serve() {
	events := make(chan int)
	go func() {
		for e := range events {
			handle(e)
		}
	}()
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { events <- 1 })
	log.Fatal(http.ListenAndServe(":8080", nil))
}

func run() {
	events := make(chan int)
	go func() {
		for e := range events {
			handle(e)
		}
	}()
	events <- 1
	os.Exit(0)
}

func crash() {
	events := make(chan int)
	go func() {
		for e := range events {
			handle(e)
		}
	}()
	events <- 1
	panic("done")
}

func handle(int) {}
