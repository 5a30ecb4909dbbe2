package golden

// query asks every replica and keeps the first answer; the others block forever.
func query(replicas []string, q string) string {
	answers := make(chan string) // want "goroutines started in the loop at line 6 can block forever sending on unbuffered channel answers: only the first value is received"
	for _, r := range replicas {
		go func() {
			answers <- ask(r, q)
		}()
	}
	return <-answers
}

func ask(replica, q string) string { return replica + ":" + q }
