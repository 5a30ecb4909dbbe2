"""Runtime proof for path leaks: a file and a response body released on the happy path and
lost on an error return. The engine fixes the program (not a hand edit); the unfixed build
must really leak (open descriptors, goroutines holding connections) and the fixed one not."""

from __future__ import annotations

from pathlib import Path

import pytest

from leakdemo import build_pair, measure

LEAKY = """\
package main

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
)

// The file goes to the caller when it is big enough; the size check forgets it.
func openAtLeast(path string, size int64) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() < size {
		return nil, errors.New("too small")
	}
	return f, nil
}

// The status check returns before the deferred Close is registered.
func fetch(client *http.Client, url string) ([]byte, error) {
	resp, err := client.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
"""

MAIN = """\
package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"runtime/debug"
	"time"
)

func main() {
	switch os.Args[1] {
	case "files":
		debug.SetGCPercent(-1) // no finalizer may close what the program forgot
		for range 300 {
			if f, err := openAtLeast(os.Args[0], 1<<40); err == nil {
				f.Close()
			}
		}
		entries, _ := os.ReadDir("/proc/self/fd")
		fmt.Printf("fds=%d\\n", len(entries))
	case "bodies":
		server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusTeapot)
			w.Write(make([]byte, 64<<10)) // more than the transport reads ahead
		}))
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
		for range 50 {
			fetch(client, server.URL)
		}
		time.Sleep(50 * time.Millisecond)
		fmt.Printf("goroutines=%d\\n", runtime.NumGoroutine())
	}
}
"""


@pytest.fixture(scope="module")
def programs(tmp_path_factory) -> dict[str, Path]:
    """Build the unfixed and the engine-fixed program once; return their binaries."""
    return build_pair(tmp_path_factory.mktemp("paths"), LEAKY, MAIN, {("file-not-closed", 13), ("http-body-not-closed", 29)})


def test_file_lost_on_the_size_check_is_closed_after_the_fix(programs) -> None:
    before, after = measure(programs["unfixed"], "files"), measure(programs["fixed"], "files")
    assert before["fds"] >= 300, before  # one descriptor per call still open
    assert after["fds"] <= 20, after


def test_body_lost_on_the_status_check_is_closed_after_the_fix(programs) -> None:
    before, after = measure(programs["unfixed"], "bodies"), measure(programs["fixed"], "bodies")
    assert before["goroutines"] >= 50, before  # each unread, unclosed body holds its connection
    assert after["goroutines"] <= 15, after
