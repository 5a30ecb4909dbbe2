package golden

import "testing"

// Two values, and a failing check before the receives: the sender is left blocked.
func TestPair(t *testing.T) {
	ch := make(chan int) // want "the function can leave at the `t.Fatal` on line 13 before receiving"
	go func() {
		ch <- 1
		ch <- 2
	}()
	if testing.Short() {
		t.Fatal("no short mode")
	}
	if <-ch+<-ch != 3 {
		t.Error("bad sum")
	}
}
