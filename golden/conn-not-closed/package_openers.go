package golden

import "crypto/tls"

// A function of the package returning a fresh connection makes its caller the owner. This
// file dials nothing itself.
func ping(addr string) error {
	conn, err := dialBackend(addr) // want "connection `conn` from dialBackend \(which returns the connection from net.DialTimeout\) is never closed"
	if err != nil {
		return err
	}
	_, err = conn.Write([]byte("PING\r\n"))
	return err
}

func hello(addr string, config *tls.Config, quiet bool) error {
	conn, err := dialSecure(addr, config) // want "connection `conn` from dialSecure \(which returns the connection from tls.Dial\) is not closed on every path: it leaks at the return on line 22"
	if err != nil {
		return err
	}
	if quiet {
		return nil
	}
	defer conn.Close()
	_, err = conn.Write([]byte("HELLO\r\n"))
	return err
}

// A pool's connection goes back to the pool, not to Close: get is no opener.
func (p *pool) ping() error {
	conn, err := p.get()
	if err != nil {
		return err
	}
	_, err = conn.Write([]byte("PING\r\n"))
	p.idle = append(p.idle, conn)
	return err
}
