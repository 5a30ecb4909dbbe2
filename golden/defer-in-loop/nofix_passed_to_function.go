package golden

import "net"

// handle may keep the connection (start a goroutine with it): closing it at the end of
// the iteration could cut that goroutine off.
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
