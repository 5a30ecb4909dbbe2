package golden

// The loop has no way out: it serves the field for the life of the process.
type logger struct {
	lines chan string
}

func (l *logger) run() {
	for {
		select {
		case s := <-l.lines:
			println(s)
		}
	}
}

func (l *logger) Log(s string) {
	l.lines <- s
}
