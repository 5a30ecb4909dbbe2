package leaky

// Node serves Status from a run loop that returns on Stop. A Status call after Stop
// sends on a channel nobody serves any more: runloop-send-after-stop (fixed with
// --unsafe-fixes, since such a call then returns a zero Status).
type Status struct{ Events int }

type Node struct {
	status chan chan Status
	events chan int
	stop   chan struct{}
	done   chan struct{}
	audit  chan string
	count  int
}

func (n *Node) run() {
	for {
		select {
		case c := <-n.status:
			c <- Status{n.count}
		case e := <-n.events:
			n.count += e
		case <-n.stop:
			close(n.done)
			return
		}
	}
}

// Status asks the run loop for a snapshot.
func (n *Node) Status() Status {
	c := make(chan Status)
	n.status <- c
	return <-c
}

// Record counts an event. The audit channel has no reader anywhere in the package:
// channel-field-never-received.
func (n *Node) Record(e int) {
	select {
	case n.events <- e:
	case <-n.done:
		return
	}
	n.audit <- "recorded"
}
