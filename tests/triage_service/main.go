// Command triagesvc is a small HTTP service that leaks on purpose, for the
// triage tests: it serves net/http/pprof and three handlers that leak.
package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"strconv"
	"time"
)

func count(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("n"))
	if err != nil || n < 1 {
		return 1
	}
	return n
}

func handleLookup(w http.ResponseWriter, r *http.Request) {
	timeouts := 0
	for i := 0; i < count(r); i++ {
		ctx, cancel := context.WithTimeout(r.Context(), time.Millisecond)
		if _, err := lookup(ctx, "key"); err != nil {
			timeouts++
		}
		cancel()
	}
	fmt.Fprintf(w, "timeouts=%d\n", timeouts)
}

func handleDrain(w http.ResponseWriter, r *http.Request) {
	events := make(chan int, 64)
	go func(n int) {
		defer close(events)
		for i := 0; i < n; i++ {
			events <- 1
		}
	}(count(r))
	fmt.Fprintf(w, "total=%d\n", drain(events))
}

func handlePoll(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintf(w, "ticks=%d\n", poll(count(r)))
}

func handleStats(w http.ResponseWriter, r *http.Request) {
	runtime.GC()
	fmt.Fprintf(w, "goroutines=%d\n", runtime.NumGoroutine())
}

func main() {
	// Record every allocation so that the heap profile is exact.
	runtime.MemProfileRate = 1
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	http.HandleFunc("/lookup", handleLookup)
	http.HandleFunc("/drain", handleDrain)
	http.HandleFunc("/poll", handlePoll)
	http.HandleFunc("/stats", handleStats)
	fmt.Printf("listening on http://%s/\n", ln.Addr())
	if err := http.Serve(ln, nil); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
