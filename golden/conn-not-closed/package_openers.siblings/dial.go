package golden

import (
	"crypto/tls"
	"net"
	"time"
)

// dialBackend hands back the connection net.DialTimeout made: an opener.
func dialBackend(addr string) (net.Conn, error) {
	return net.DialTimeout("tcp", addr, 5*time.Second)
}

// dialSecure returns a TLS connection, as an opener of the package does.
func dialSecure(addr string, config *tls.Config) (*tls.Conn, error) {
	conn, err := tls.Dial("tcp", addr, config)
	if err != nil {
		return nil, err
	}
	if err := conn.Handshake(); err != nil {
		conn.Close()
		return nil, err
	}
	return conn, nil
}

type pool struct {
	idle []net.Conn
}

// get returns an idle connection it kept: not an opener.
func (p *pool) get() (net.Conn, error) {
	if len(p.idle) == 0 {
		return dialBackend("localhost:80")
	}
	c := p.idle[len(p.idle)-1]
	p.idle = p.idle[:len(p.idle)-1]
	return c, nil
}
