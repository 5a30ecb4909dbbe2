package golden

import (
	"net"
	"os"
)

// The deferred literal closes the connection only when the function fails: a clean-up
// on the error path, not a pile-up.
func greetAll(addrs []string) (err error) {
	for _, a := range addrs {
		c, derr := net.Dial("tcp", a)
		if derr != nil {
			return derr
		}
		defer func() {
			if err != nil {
				c.Close()
			}
		}()
		if _, err = c.Write([]byte("hello")); err != nil {
			return err
		}
	}
	return nil
}

// The same with a switch, and with the call behind `&&`.
func createAll(names []string, keep bool) (err error) {
	for _, n := range names {
		f, cerr := os.Create(n)
		if cerr != nil {
			return cerr
		}
		defer func() {
			switch {
			case err != nil:
				f.Close()
				os.Remove(n)
			}
		}()
		defer func() {
			_ = !keep && f.Close() == nil
		}()
		if _, err = f.WriteString("x"); err != nil {
			return err
		}
	}
	return nil
}

// A deferred func literal that recovers is a panic handler: it is meant for the end.
func tryEach(names []string) (err error) {
	for _, n := range names {
		f, oerr := os.Open(n)
		if oerr != nil {
			continue
		}
		defer func() {
			f.Close()
			if r := recover(); r != nil {
				err = os.ErrInvalid
			}
		}()
		f.Stat()
	}
	return nil
}
