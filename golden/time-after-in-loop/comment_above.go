package golden

import "time"

func serve(requests <-chan string, reply func(string)) {
	// Serve until the clients go quiet for a minute.
	// The timeout restarts after every request.
	for {
		select {
		case r := <-requests:
			reply(r)
		case <-time.After(time.Minute): // want "time.After"
			return
		}
	}
}
