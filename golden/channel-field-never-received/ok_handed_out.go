package golden

// A method hands the field out: the caller may receive from it.
type feed struct {
	items chan int
}

func (f *feed) Items() <-chan int { return f.items }

func (f *feed) put(v int) {
	f.items <- v
}
