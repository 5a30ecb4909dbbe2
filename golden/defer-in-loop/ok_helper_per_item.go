package golden

import "os"

// The defer lives in a helper called once per item.
func sizeAll(names []string) int64 {
	var total int64
	for _, name := range names {
		total += size(name)
	}
	return total
}

func size(name string) int64 {
	f, err := os.Open(name)
	if err != nil {
		return 0
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0
	}
	return st.Size()
}
