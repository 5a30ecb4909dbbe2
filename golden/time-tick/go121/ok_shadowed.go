package golden

import "time"

type metronome struct{ period time.Duration }

func (m metronome) Tick(n int) time.Duration { return time.Duration(n) * m.period }

func beats() time.Duration {
	time := metronome{}
	return time.Tick(4)
}
