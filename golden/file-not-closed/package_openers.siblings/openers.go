package golden

import (
	"errors"
	"os"
)

// openConfig hands back the file os.Open opened, or nil beside an error: an opener.
func openConfig(name string) (*os.File, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	return f, nil
}

// openNamed returns another opener's result: an opener two functions deep.
func openNamed(dir, name string) (*os.File, error) {
	return openConfig(dir + "/" + name)
}

// openNested is three functions deep: not followed.
func openNested(dir, name string) (*os.File, error) {
	return openNamed(dir, name)
}

// mustOpen panics rather than return an error: its file is never nil.
func mustOpen(name string) *os.File {
	f, err := os.Open(name)
	if err != nil {
		panic(err)
	}
	return f
}

// openRegular closes the file itself when it fails after opening it.
func openRegular(name string) (_ *os.File, err error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			f.Close()
		}
	}()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, errors.New(name + ": not a regular file")
	}
	return f, nil
}

// createLog opens a file for writing.
func createLog(name string) (*os.File, error) {
	return os.Create(name)
}

type catalog struct {
	dir    string
	shared *os.File
}

// open is a method opener.
func (c *catalog) open(name string) (*os.File, error) {
	return os.Open(c.dir + "/" + name)
}

// current returns a file the catalog keeps: not an opener.
func (c *catalog) current() (*os.File, error) {
	if c.shared == nil {
		return nil, errors.New("no file")
	}
	return c.shared, nil
}

// openShared keeps the file it returns: its caller is not the only owner.
func (c *catalog) openShared(name string) (*os.File, error) {
	f, err := os.Open(c.dir + "/" + name)
	if err != nil {
		return nil, err
	}
	c.shared = f
	return f, nil
}

// reuse returns the file it was given: not an opener.
func reuse(f *os.File) (*os.File, error) {
	return f, nil
}

var logFile *os.File

// sharedLog returns a global: not an opener.
func sharedLog() (*os.File, error) {
	return logFile, nil
}

// maybeOpen may return neither a file nor an error: not an opener.
func maybeOpen(name string) (*os.File, error) {
	if name == "" {
		return nil, nil
	}
	return os.Open(name)
}

// openEither and openOther call each other: a cycle is not followed.
func openEither(name string, retries int) (*os.File, error) {
	if retries > 0 {
		return openOther(name, retries-1)
	}
	return os.Open(name)
}

func openOther(name string, retries int) (*os.File, error) {
	return openEither(name, retries)
}

// writeScratch closes the file it wrote before it returns it, for its name only: what it
// hands back is closed already, so it is not an opener.
func writeScratch(dir string, data []byte) (*os.File, error) {
	f, err := os.CreateTemp(dir, "scratch")
	if err != nil {
		return nil, err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	return f, nil
}

// openSized closes the file only on the path that fails: what it returns is open, so it
// is an opener.
func openSized(name string, limit int64) (*os.File, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil || st.Size() > limit {
		f.Close()
		return nil, errors.New(name + ": too large or unreadable")
	}
	return f, nil
}
