package golden

import (
	"net"
	"os"
)

// The files were opened before the loop: closing them all when the function returns is
// what the loop means.
func closeAll(files []*os.File) {
	for _, f := range files {
		defer f.Close()
		f.Sync()
	}
}

// A value made before the loop, copied in the body, is not acquired by the iteration.
func closeEach(conns map[string]net.Conn) {
	for name := range conns {
		c := conns[name]
		defer c.Close()
		c.Write([]byte(name))
	}
}

// Nothing acquired at all.
func logEach(names []string) {
	for _, n := range names {
		defer println(n)
	}
}
