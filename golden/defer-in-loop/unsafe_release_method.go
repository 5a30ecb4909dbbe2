package golden

type lease struct{ id int }

func acquire(id int) (*lease, error) { return &lease{id}, nil }

func (l *lease) Release()     {}
func (l *lease) Touch() error { return nil }

// A project's own Release method: releasing each lease at the end of its iteration is
// most likely meant, but only Close, Stop and a context's cancel are known to be releases.
func holdAll(ids []int) error {
	for _, id := range ids {
		l, err := acquire(id)
		if err != nil {
			panic(err)
		}
		defer l.Release() // want "defer in a loop: l.Release\(\) waits until holdAll returns.*the fix is unsafe: `l.Release\(\)` is not a known release"
		if err := l.Touch(); err != nil {
			panic(err)
		}
	}
	return nil
}
