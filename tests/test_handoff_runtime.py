"""Runtime proof for goroutines that are not one inline literal sending once: a named worker
the channel is handed to (`go worker(ch)`), a goroutine that sends and then closes, and one
that sends a bounded number of values; and calls into a run-loop type after its loop has
stopped (runloop-send-after-stop, fixed with --unsafe-fixes). The engine fixes the program
(not a hand edit); the unfixed build must really leak (goroutines grow with calls) and the
fixed one not, and both must print the same results."""

from __future__ import annotations

from pathlib import Path

import pytest

from codemods import REGISTRY
from gofixleak.engine import Settings, fix_file
from gofixleak.model import Applicability
from leakdemo import build_pair, measure

LEAKY = """\
package main

import "time"

// A named worker answers once; the caller stops waiting after d.
func lookup(d time.Duration, release <-chan struct{}) int {
	answer := make(chan int)
	go answerWhen(answer, release)
	select {
	case v := <-answer:
		return v
	case <-time.After(d):
		return -1
	}
}

func answerWhen(out chan int, release <-chan struct{}) {
	<-release
	deliver(out, 42)
}

func deliver(out chan int, v int) {
	out <- v
}

// The goroutine sends, then closes the channel.
func closing(d time.Duration, release <-chan struct{}) int {
	ch := make(chan int)
	go func() {
		<-release
		ch <- 7
		close(ch)
	}()
	select {
	case v := <-ch:
		return v
	case <-time.After(d):
		return -1
	}
}

// A progress value and a result: the caller takes only the first.
func progress(d time.Duration, release <-chan struct{}) int {
	events := make(chan int)
	go func() {
		<-release
		events <- 1
		events <- 2
	}()
	select {
	case v := <-events:
		return v
	case <-time.After(d):
		return -1
	}
}
"""

MAIN = """\
package main

import (
	"fmt"
	"os"
	"runtime"
	"time"
)

func settle() int {
	for i := 0; i < 40 && runtime.NumGoroutine() > 1; i++ {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
	return runtime.NumGoroutine()
}

func main() {
	calls := map[string]func(time.Duration, <-chan struct{}) int{
		"worker": lookup, "close": closing, "progress": progress,
	}
	call := calls[os.Args[1]]
	sum := 0
	release := make(chan struct{})
	for range 500 {
		sum += call(0, release) // times out at once: the goroutine is abandoned
	}
	close(release)
	open := make(chan struct{})
	close(open)
	sum += call(time.Hour, open) // answered
	fmt.Printf("sum=%d goroutines=%d\\n", sum, settle())
}
"""


@pytest.fixture(scope="module")
def programs(tmp_path_factory) -> dict[str, Path]:
    """Build the unfixed and the engine-fixed program once; return their binaries."""
    root = tmp_path_factory.mktemp("handoff")
    built = build_pair(root, LEAKY, MAIN, {
        ("goroutine-blocked-send", 7),
        ("goroutine-blocked-send", 28),
        ("goroutine-blocked-send", 44),
    })
    assert b"make(chan int, 2)" in (root / "fixed" / "leaky.go").read_bytes()  # two sends per run of the progress goroutine
    return built


@pytest.mark.parametrize("scenario", ["worker", "close", "progress"])
def test_abandoned_senders_exit_once_fixed(programs, scenario: str) -> None:
    before, after = measure(programs["unfixed"], scenario), measure(programs["fixed"], scenario)
    assert before["goroutines"] >= 500, before  # every abandoned goroutine is still blocked
    assert after["goroutines"] <= 5, after
    assert before["sum"] == after["sum"], (before, after)  # the answers are the same


RUNLOOP = """\
package main

type Status struct{ Count int }

type node struct {
	status chan chan Status
	events chan int
	stop   chan struct{}
	done   chan struct{}
	count  int
}

func newNode() *node {
	n := &node{status: make(chan chan Status), events: make(chan int), stop: make(chan struct{}), done: make(chan struct{})}
	go n.run()
	return n
}

func (n *node) run() {
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

func (n *node) Stop() { close(n.stop); <-n.done }

func (n *node) Add(e int) {
	n.events <- e
}

func (n *node) Status() Status {
	c := make(chan Status)
	n.status <- c
	return <-c
}
"""

RUNLOOP_MAIN = """\
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	n := newNode()
	for i := range 10 {
		n.Add(i)
	}
	before := n.Status()
	n.Stop()
	for range 300 {
		go n.Add(1)     // after Stop: blocks forever unless it gives up
		go n.Status()
	}
	for i := 0; i < 40 && runtime.NumGoroutine() > 1; i++ {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
	fmt.Printf("count=%d goroutines=%d\\n", before.Count, runtime.NumGoroutine())
}
"""


def test_runloop_calls_after_stop_return_once_fixed(tmp_path) -> None:
    safe = fix_file("node.go", RUNLOOP.encode(), [c() for c in REGISTRY], Settings())
    assert safe.fixed == RUNLOOP.encode()  # the fix is unsafe: not applied by default
    built = build_pair(tmp_path, RUNLOOP, RUNLOOP_MAIN, {("runloop-send-after-stop", 36), ("runloop-send-after-stop", 41)},
                       Settings(applicability=Applicability.UNSAFE))
    before, after = measure(built["unfixed"], ""), measure(built["fixed"], "")
    assert before["goroutines"] >= 600, before  # every call after Stop is still blocked
    assert after["goroutines"] <= 5, after
    assert before["count"] == after["count"] == 45, (before, after)
