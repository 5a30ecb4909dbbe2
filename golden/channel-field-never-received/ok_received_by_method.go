package golden

// Another method ranges over the field: it has a reader.
type journal struct {
	lines chan string
}

func (j *journal) write(s string) {
	j.lines <- s
}

func (j *journal) flush() {
	for s := range j.lines {
		println(s)
	}
}
