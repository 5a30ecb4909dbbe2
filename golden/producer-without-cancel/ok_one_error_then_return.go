package golden

// The loop's only send is followed by return and the buffer holds it: never blocks.
func watchErrors(poll func() error) <-chan error {
	errc := make(chan error, 1)
	go func() {
		for {
			if err := poll(); err != nil {
				errc <- err
				return
			}
		}
	}()
	return errc
}
