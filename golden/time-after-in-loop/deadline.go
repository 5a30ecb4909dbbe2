package golden

import "time"

func collect(in <-chan int) []int {
	var got []int
	for {
		select {
		case v := <-in:
			got = append(got, v)
		case <-time.After(3 * time.Second): // want "time.After"
			return got
		}
	}
}
