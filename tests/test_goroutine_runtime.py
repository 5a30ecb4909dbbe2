"""Runtime proof: the goroutine and defer fixes make real leaks go away.

One small stdlib-only Go program holds a leaky function per rule. The test fixes that file
with our own engine (not by hand), builds the unfixed and the fixed program once, runs each
scenario in both, and checks that the unfixed program really leaks (so the test cannot
pass vacuously) and the fixed one does not: goroutines left after many calls and a settle,
and for defer-in-loop also the heap and connections still held when the loop ends.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from leakdemo import build_pair, measure

LEAKY = """\
package main

import (
	"context"
	"sync/atomic"
)

// Rule 1: the caller stops waiting when ctx is done; the worker answers later.
func fetch(ctx context.Context, release <-chan struct{}) (int, error) {
	result := make(chan int)
	go func() {
		<-release
		result <- 42
	}()
	select {
	case v := <-result:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// Rule 2: one goroutine per replica, only the first answer is taken.
func first(replicas []int) int {
	answers := make(chan int)
	for _, r := range replicas {
		go func() { answers <- r * 2 }()
	}
	return <-answers
}

// Rule 4: one connection per request, each closed only when the batch returns.
var open atomic.Int64

type conn struct {
	buf  []byte
	done chan struct{}
}

func dial() *conn {
	c := &conn{buf: make([]byte, 1<<20), done: make(chan struct{})}
	open.Add(1)
	go func() { <-c.done }() // the connection's reader
	return c
}

func (c *conn) Close() {
	close(c.done)
	open.Add(-1)
}

func handleBatch(n int, atEnd func()) {
	for i := 0; i < n; i++ {
		c := dial()
		defer c.Close()
		c.buf[i%len(c.buf)] = byte(i)
	}
	atEnd()
}
"""

MAIN = """\
package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"time"
)

// settle gives exiting goroutines a moment, then counts what is left.
func settle() int {
	for i := 0; i < 40 && runtime.NumGoroutine() > 1; i++ {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
	return runtime.NumGoroutine()
}

func main() {
	switch os.Args[1] {
	case "send":
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		release := make(chan struct{})
		for range 1000 {
			fetch(ctx, release)
		}
		close(release)
		fmt.Printf("goroutines=%d\\n", settle())
	case "ncast":
		for range 200 {
			first(make([]int, 10))
		}
		fmt.Printf("goroutines=%d\\n", settle())
	case "defer":
		handleBatch(64, func() {
			g := settle()
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			fmt.Printf("goroutines=%d open=%d heap=%d\\n", g, open.Load(), ms.HeapAlloc)
		})
	}
}
"""

@pytest.fixture(scope="module")
def programs(tmp_path_factory) -> dict[str, Path]:
    """Build the unfixed and the engine-fixed program once; return their binaries."""
    return build_pair(tmp_path_factory.mktemp("runtime"), LEAKY, MAIN, {
        ("goroutine-blocked-send", 10),
        ("goroutine-blocked-send", 25),
        ("defer-in-loop", 55),
    })


def test_timeout_leak_is_gone(programs) -> None:
    before, after = measure(programs["unfixed"], "send"), measure(programs["fixed"], "send")
    assert before["goroutines"] >= 1000, before  # every abandoned sender is still blocked
    assert after["goroutines"] <= 5, after


def test_first_answer_leak_is_gone(programs) -> None:
    before, after = measure(programs["unfixed"], "ncast"), measure(programs["fixed"], "ncast")
    assert before["goroutines"] >= 200 * 9, before  # nine losers per call
    assert after["goroutines"] <= 5, after


def test_defer_in_loop_releases_every_iteration(programs) -> None:
    before, after = measure(programs["unfixed"], "defer"), measure(programs["fixed"], "defer")
    assert before["open"] == 64 and before["goroutines"] >= 64, before
    assert before["heap"] >= 48 << 20, before  # 64 buffers of 1 MiB held by pending defers
    assert after["open"] == 0 and after["goroutines"] <= 5, after
    assert after["heap"] <= 16 << 20, after
