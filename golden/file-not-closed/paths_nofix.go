package golden

import (
	"bufio"
	"os"
)

// Closed on one branch, then a return both branches reach: a Close before it would close
// twice on the first branch.
func sometimes(path string, early bool) error {
	f, err := os.Open(path) // want "not closed on every path: it leaks at the return on line 18"
	if err != nil {
		return err
	}
	if early {
		f.Close()
	}
	return nil
}

// Written files keep their Close error: no explicit Close is inserted.
func write(path string, data []byte) (*os.File, error) {
	f, err := os.Create(path) // want "opened for writing by os.Create is not closed on every path: it leaks at the return on line 28"
	if err != nil {
		return nil, err
	}
	if _, err := f.Write(data); err != nil {
		return nil, err
	}
	return f, nil
}

// The return still reads the file: closing before it would break it.
func name(path string, short bool) (string, *os.File) {
	f, err := os.Open(path) // want "it leaks at the return on line 40"
	if err != nil {
		return "", nil
	}
	if short {
		return f.Name(), nil
	}
	return "", f
}

// Reopened while a reader made from the first file is still read: a Close before the
// reopen would cut that reader short.
func readerOverFirst(a, b string) (string, error) {
	f, err := os.Open(a) // want "it leaks at line 53, where it is overwritten"
	if err != nil {
		return "", err
	}
	r := bufio.NewReader(f)
	f, err = os.Open(b)
	if err != nil {
		return "", err
	}
	defer f.Close()
	line, _ := r.ReadString('\n')
	return line, nil
}
