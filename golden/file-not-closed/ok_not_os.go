package golden

import "os"

type store struct{}

func (store) Open(name string) (int, error) { return len(name), nil }

func size(s store) int {
	n, _ := s.Open("x")
	return n
}

func shadowed() int {
	os := store{}
	n, _ := os.Open("y")
	return n
}

func real() string { return os.TempDir() }
