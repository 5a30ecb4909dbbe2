package golden

import "net"

// An endless accept loop never runs its defers at all.
func serve(l net.Listener, handle func(net.Conn)) {
	for {
		conn, err := l.Accept()
		if err != nil {
			panic(err)
		}
		defer conn.Close() // want "defer in a loop: conn.Close\(\) waits until serve returns"
		handle(conn)
	}
}
