package golden

import "os"

type shard struct {
	path  string
	items []int
}

// The continue belongs to the inner loop.
func sumPositive(shards []*shard) int {
	total := 0
	for _, s := range shards {
		f, err := os.Open(s.path)
		if err != nil {
			panic(err)
		}
		defer f.Close() // want "defer in a loop: f.Close\(\)"
		for _, v := range s.items {
			if v < 0 {
				continue
			}
			total += v
		}
		f.Sync()
	}
	return total
}
