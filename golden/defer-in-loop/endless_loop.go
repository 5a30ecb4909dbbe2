package golden

import "net"

// An endless accept loop never runs its defers at all.
func serve(l net.Listener) {
	for {
		conn, err := l.Accept()
		if err != nil {
			panic(err)
		}
		defer conn.Close() // want "defer in a loop: conn.Close\(\) waits until serve returns"
		conn.Write([]byte("hello\n"))
	}
}
