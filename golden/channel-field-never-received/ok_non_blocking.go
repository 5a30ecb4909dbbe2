package golden

// The send gives up at once when nobody is ready.
type notifier struct {
	wake chan struct{}
}

func (n *notifier) poke() {
	select {
	case n.wake <- struct{}{}:
	default:
	}
}
