package golden

import (
	"errors"
	"time"
)

var errTimeout = errors.New("timed out")

// lookup gives up after d, but the goroutine still wants to hand over its answer.
func lookup(key string, d time.Duration) (string, error) {
	ch := make(chan string) // want "goroutine started at line 13 can block forever sending on unbuffered channel ch: the select at line 16 can take another case"
	go func() {
		ch <- slowLookup(key)
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-time.After(d):
		return "", errTimeout
	}
}

func slowLookup(key string) string {
	time.Sleep(time.Second)
	return key
}
