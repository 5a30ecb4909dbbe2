package golden

import (
	"net"
	"time"
)

// Returned to the caller, or closed on the failing path.
func dialWithDeadline(addr string, d time.Duration) (net.Conn, error) {
	conn, err := net.DialTimeout("tcp", addr, d)
	if err != nil {
		return nil, err
	}
	if err := conn.SetDeadline(time.Now().Add(d)); err != nil {
		conn.Close()
		return nil, err
	}
	return conn, nil
}

type dialer struct{}

// Not the net package's Dial.
func (dialer) Dial(network, addr string) (int, error) { return 0, nil }

func other(d dialer) int {
	n, _ := d.Dial("tcp", "x")
	return n
}
