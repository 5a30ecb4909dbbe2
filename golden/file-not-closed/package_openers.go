package golden

import (
	"io"
	"os"
)

// A function of the package returning the file os.Open opened makes its caller the owner.
// This file names no opener of package os itself.
func readConfig(name string) ([]byte, error) {
	f, err := openConfig(name) // want "file `f` opened by openConfig \(which returns the file from os.Open\) is never closed"
	if err != nil {
		return nil, err
	}
	return io.ReadAll(f)
}

// Two functions deep.
func readNamed(dir, name string) ([]byte, error) {
	f, err := openNamed(dir, name) // want "file `f` opened by openNamed \(which returns the file from os.Open, through openConfig\) is never closed"
	if err != nil {
		return nil, err
	}
	return io.ReadAll(f)
}

// An opener without an error result.
func size(name string) int64 {
	f := mustOpen(name) // want "file `f` opened by mustOpen .* is never closed"
	st, err := f.Stat()
	if err != nil {
		return 0
	}
	return st.Size()
}

// A method of the package.
func (c *catalog) read(name string) ([]byte, error) {
	f, err := c.open(name) // want "file `f` opened by c.open \(which returns the file from os.Open\) is never closed"
	if err != nil {
		return nil, err
	}
	return io.ReadAll(f)
}

// Closed at the end, not on the early return.
func head(name string, n int) ([]byte, error) {
	f, err := openRegular(name) // want "file `f` opened by openRegular .* is not closed on every path: it leaks at the return on line 53"
	if err != nil {
		return nil, err
	}
	if n <= 0 {
		return nil, nil
	}
	buf := make([]byte, n)
	_, err = io.ReadFull(f, buf)
	f.Close()
	return buf, err
}

// Opened for writing: the Close error goes to the named result.
func writeLog(name string, line []byte) (err error) {
	f, err := createLog(name) // want "file `f` opened for writing by createLog \(which returns the file from os.Create\) is never closed"
	if err != nil {
		return err
	}
	_, err = f.Write(line)
	return err
}

// Closed on every path: nothing to report.
func readClosed(name string) ([]byte, error) {
	f, err := openConfig(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// Handed to the caller, who owns it then.
func openFor(name string) (*os.File, error) {
	f, err := openConfig(name)
	if err != nil {
		return nil, err
	}
	return f, nil
}

// Three functions deep: not followed.
func readNested(dir, name string) ([]byte, error) {
	f, err := openNested(dir, name)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(f)
}

// Functions that are no openers: one returning a file the catalog keeps, the file it was
// given, a global, a file it keeps as well, nil without an error, or through a cycle.
func (c *catalog) readCurrent() ([]byte, error) {
	f, err := c.current()
	if err != nil {
		return nil, err
	}
	return io.ReadAll(f)
}

func readReused(g *os.File) ([]byte, error) {
	f, err := reuse(g)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(f)
}

func readShared() ([]byte, error) {
	f, err := sharedLog()
	if err != nil {
		return nil, err
	}
	return io.ReadAll(f)
}

func (c *catalog) readShared(name string) ([]byte, error) {
	f, err := c.openShared(name)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(f)
}

func readMaybe(name string) ([]byte, error) {
	f, err := maybeOpen(name)
	if err != nil || f == nil {
		return nil, err
	}
	return io.ReadAll(f)
}

func readEither(name string) ([]byte, error) {
	f, err := openEither(name, 1)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(f)
}

// The file writeScratch returns was closed inside it: only its name is used here.
func scratchName(dir string) (string, error) {
	f, err := writeScratch(dir, []byte("x"))
	if err != nil {
		return "", err
	}
	return f.Name(), nil
}

func readSized(name string) ([]byte, error) {
	f, err := openSized(name, 1<<20) // want "file `f` opened by openSized \(which returns the file from os.Open\) is never closed"
	if err != nil {
		return nil, err
	}
	return io.ReadAll(f)
}
