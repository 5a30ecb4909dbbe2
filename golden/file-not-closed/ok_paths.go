package golden

import (
	"errors"
	"os"
	"runtime"
)

// The error branch, in any of its forms, holds no file.
func notExist(path string) (*os.File, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil && runtime.GOOS == "plan9" {
		return nil, err
	}
	if errors.Is(err, os.ErrPermission) {
		return nil, err
	}
	if err != nil {
		return nil, err
	}
	return f, nil
}

// Closed or handed off on every path; a panic or exit needs no close.
func everyPath(path string, mode int) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	switch mode {
	case 0:
		f.Close()
		return nil, nil
	case 1:
		panic("mode")
	case 2:
		os.Exit(2)
	}
	return f, nil
}

// A nil check on the variable itself.
func nilChecked(path string) {
	f, _ := os.Open(path)
	if f == nil {
		return
	}
	defer f.Close()
}
