package golden

// The field is set to a channel the caller made and reads.
type sink struct {
	out chan int
}

func newSink(out chan int) *sink { return &sink{out: out} }

func (s *sink) emit(v int) {
	s.out <- v
}
