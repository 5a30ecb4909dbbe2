package golden

import "net"

func ping(addr string, msg []byte) error {
	conn, err := net.Dial("tcp", addr) // want "connection `conn` from net.Dial is never closed"
	if err != nil {
		return err
	}
	_, err = conn.Write(msg)
	return err
}
