package golden

import "os"

func sizes(names []string) []int64 {
	var out []int64
	for _, name := range names {
		func() {
			f, err := os.Open(name)
			if err != nil {
				return
			}
			defer f.Close()
			st, err := f.Stat()
			if err == nil {
				out = append(out, st.Size())
			}
		}()
	}
	return out
}
