package golden

// Nothing in the package reads events: every record blocks forever.
type tracker struct {
	events chan int
}

func newTracker() *tracker {
	return &tracker{events: make(chan int)}
}

func (t *tracker) record(e int) {
	t.events <- e // want "send on channel field events blocks forever: nothing in the package receives from events"
}
