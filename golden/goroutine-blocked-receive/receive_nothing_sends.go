package golden

import "os"

// The cleanup goroutine waits for a signal that never comes.
func withTemp(dir string) (string, error) {
	f, err := os.CreateTemp(dir, "x")
	if err != nil {
		return "", err
	}
	stop := make(chan struct{})
	go func() { // want "goroutine receiving from channel stop blocks forever: nothing sends to or closes stop"
		<-stop
		os.Remove(f.Name())
	}()
	return f.Name(), f.Close()
}
