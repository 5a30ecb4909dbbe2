package golden

import (
	"crypto/tls"
	"errors"
)

func hello(addr string, conf *tls.Config, msg []byte) error {
	conn, err := tls.Dial("tcp", addr, conf) // want "connection `conn` from tls.Dial is not closed on every path: it leaks at the return on line 14"
	if err != nil {
		return err
	}
	if len(msg) == 0 {
		return errors.New("empty message")
	}
	defer conn.Close()
	_, err = conn.Write(msg)
	return err
}
