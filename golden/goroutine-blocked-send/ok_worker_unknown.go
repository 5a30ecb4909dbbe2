package golden

import "context"

// The worker stores the channel: what happens to it is not known, so nothing is said.
var pending []chan string

func lookupStored(ctx context.Context) (string, error) {
	found := make(chan string)
	go register(found)
	select {
	case v := <-found:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func register(out chan string) {
	pending = append(pending, out)
}
